import { Excludes } from '../../common/validation/excludes.decorator.js';
import { UidList } from './uid-list.decorator.js';

/**
 * New subscription lists for an individual or mix recording (Agora's `update` with `streamSubscribe`). For each of
 * audio and video, send a subscribe list or an unsubscribe list, not both; a list sent replaces the one in force.
 */
export class UpdateSubscriptionsDto {
  @UidList('Users whose audio is recorded from now on.')
  @Excludes('unsubscribeAudioUids')
  subscribeAudioUids?: string[];

  @UidList('Users whose audio is no longer recorded.')
  unsubscribeAudioUids?: string[];

  @UidList('Users whose video is recorded from now on.')
  @Excludes('unsubscribeVideoUids')
  subscribeVideoUids?: string[];

  @UidList('Users whose video is no longer recorded.')
  unsubscribeVideoUids?: string[];
}
