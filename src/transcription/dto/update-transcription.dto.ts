import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { AudioUids } from './audio-uids.decorator.js';
import { MAX_LANGUAGES, MAX_SUBSCRIBED } from './create-transcription.dto.js';
import { LanguageList } from './language.decorator.js';
import { UpdateTranslateDto } from './translation.dto.js';

/**
 * Changes to a running transcription (Agora's `update`): send what changes, at least one field. Each field sent
 * replaces what is in force; fields left out stay as they are.
 */
export class UpdateTranscriptionDto {
  @LanguageList(`The spoken languages to recognize from now on (1 to ${MAX_LANGUAGES}).`, MAX_LANGUAGES, true)
  languages?: string[];

  @AudioUids('Transcribe only these users from now on (`["all"]`: everyone again).', MAX_SUBSCRIBED, true)
  subscribeAudioUids?: string[];

  /** Switch translation on or off, or change its languages. */
  @OptionalObject(() => UpdateTranslateDto)
  translate?: UpdateTranslateDto;
}
