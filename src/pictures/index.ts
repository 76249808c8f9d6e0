export { renderDisplaySvg } from './render-svg.js';
export { displaySpec } from './display-spec.js';
export { PicturePainter } from './picture-painter.js';
export { savePictures, type SavedPictures, type PictureRequest } from './save-pictures.js';
