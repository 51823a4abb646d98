import { Card, CardHeader, Text } from '@fluentui/react-components';
import { type ReactNode, useId } from 'react';

/** A titled card that is a landmark region named by its heading. */
export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Card role="region" aria-labelledby={id} data-testid={testId}>
      <CardHeader
        header={
          <Text as="h2" id={id} weight="semibold" size={400}>
            {title}
          </Text>
        }
      />
      {children}
    </Card>
  );
}
