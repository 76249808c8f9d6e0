export type {
  DisplayContent,
  LinesDisplay,
  LinesSeries,
  HistogramDisplay,
  HistogramStyle,
  HorizontalLine,
  TextDisplay,
  GridDisplay,
  PanelDisplay,
  NumberList,
} from './content.js';
export {
  MAX_DISPLAY_NUMBERS,
  MAX_DISPLAY_SERIES,
  MAX_DISPLAY_TEXT_LINES,
  MAX_GRID_PANELS,
  MAX_HORIZONTAL_LINES,
} from './content.js';
export { checkDisplayContent } from './check-content.js';
export {
  displayFileName,
  displayFileStem,
  displayKey,
  isDisplayFileName,
  type DisplayFrame,
} from './frame.js';
export { DisplayPublisher, type DisplayPublisherOptions } from './publisher.js';
export { DisplayReader, hasDisplayFiles } from './display-reader.js';
