import type { AuthorFields, ConferenceFields } from '../graphql/documents';
import type { ResultOf } from '../graphql/graphql';

export type Conference = ResultOf<typeof ConferenceFields>;
export type AgendaItem = Conference['agenda'][number];
export type Author = ResultOf<typeof AuthorFields>;

/** What a meeting card tells the screen: a sentence for its status line, and "refetch". */
export interface MeetingProps {
  conference: Conference;
  onDone: (message: string) => void;
  onChanged: () => void;
}
