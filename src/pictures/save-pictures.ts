import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayFileStem, type DisplayFrame } from '../display/index.js';
import { renderDisplaySvg } from './render-svg.js';
import { makeDirectory } from '../make-directory.js';

/** What the picture thread is asked to draw: frames, into a directory. */
export interface PictureRequest {
  readonly frames: readonly DisplayFrame[];
  readonly directory: string;
}

/** What savePictures did: the files written, and one message per display it could not draw. */
export interface SavedPictures {
  readonly files: readonly string[];
  readonly problems: readonly string[];
  readonly seconds: number;
}

/**
 * Draws the last frame of each display as an SVG picture into `directory`
 * (`<worker>.<process>.<name>.svg`, the stem of its frame file), made when there is a frame to
 * draw. Never throws: a display that cannot be drawn or written is reported in `problems`.
 */
export async function savePictures(
  frames: readonly DisplayFrame[],
  directory: string,
): Promise<SavedPictures> {
  const started = performance.now();
  const files: string[] = [];
  const problems: string[] = [];
  for (const frame of frames) {
    const file = join(directory, `${displayFileStem(frame.worker, frame.processIndex, frame.name)}.svg`);
    try {
      const svg = await renderDisplaySvg(frame.content, frame.name);
      makeDirectory(directory);
      writeFileSync(file, svg);
      files.push(file);
    } catch (error) {
      problems.push(
        `the picture of display '${frame.name}' of worker '${frame.worker}' process ${frame.processIndex} was not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { files, problems, seconds: (performance.now() - started) / 1000 };
}
