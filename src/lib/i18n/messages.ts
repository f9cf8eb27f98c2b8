/**
 * Both catalogues, loaded: what the server (API errors, exports) and the report read. The UI
 * reads `words.ts` and loads its language on demand. French first, English complete: `en` is
 * typed against `fr`. Placeholders: {name}.
 */
import { en } from './en';
import { fr } from './fr';
import { catalogues } from './words';

catalogues.fr = fr;
catalogues.en = en;

export { en, fr };
export * from './words';
