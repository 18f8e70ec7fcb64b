/** Every notebook's story, in notebook order: what `npm run paper` regenerates. */
import type { StoryBuilder } from "./types.js";
import { story as notebook01 } from "./notebook01.js";
import { story as notebook02 } from "./notebook02.js";
import { story as notebook03 } from "./notebook03.js";
import { story as notebook04 } from "./notebook04.js";
import { story as notebook05 } from "./notebook05.js";
import { story as notebook06 } from "./notebook06.js";
import { story as notebook07 } from "./notebook07.js";

export const stories: readonly StoryBuilder[] = [notebook01, notebook02, notebook03, notebook04, notebook05, notebook06, notebook07];
