/**
 * The conference readers other libs (exports) use to show a conference exactly as GraphQL
 * does for the same viewer: the access check, the audience and the label-filtered reader.
 */
export { ConferenceAccess, CONFERENCE_LABEL, type ConferenceScope } from './conference-access';
export { ConferenceAudience } from './audience';
export { ConferenceReader } from './conference-reader';
