import { Skeleton, SkeletonItem } from '@fluentui/react-components';

/** A view's loading state. */
export function ViewSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <Skeleton aria-label={label}>
      <SkeletonItem size={32} />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
    </Skeleton>
  );
}
