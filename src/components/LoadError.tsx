import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ApiError } from '../lib/api';

/** An error MessageBar for a view that failed to load, with a retry. */
export function LoadError({ what, error, retry }: { what: string; error: Error; retry?: () => void }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>Could not load {what}</MessageBarTitle>
        {error instanceof ApiError ? (error.detail ?? error.title) : error.message}
      </MessageBarBody>
      {retry ? (
        <MessageBarActions>
          <Button onClick={retry}>Retry</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/** What a view shows when there is nothing to show yet. */
export function Empty({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <MessageBar intent="info" data-testid={testId}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
