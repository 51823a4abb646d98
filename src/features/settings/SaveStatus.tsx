import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** What a save did: success as a polite status, failure as an alert. */
export interface SaveOutcome {
  ok: boolean;
  text: string;
}

export function SaveStatus({ status }: { status: SaveOutcome | null }) {
  if (!status) return null;
  return (
    <MessageBar intent={status.ok ? 'success' : 'error'} role={status.ok ? 'status' : 'alert'}>
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}
