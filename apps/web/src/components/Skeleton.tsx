/** Grey placeholder bars shown while a page or a list loads, so the layout does not jump when the data arrives. */
export function SkeletonLine({ width = '100%' }: { width?: string }) {
  return <span className="skeleton-line" style={{ width }} aria-hidden="true" />;
}

/** A list or table body still loading: `rows` placeholder rows, announced once to screen readers. */
export function SkeletonRows({ rows = 5, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton-rows" role="status" aria-busy="true" aria-label={label} data-testid="skeleton">
      {Array.from({ length: rows }, (_, index) => (
        <SkeletonLine key={index} width={`${90 - ((index * 17) % 40)}%`} />
      ))}
    </div>
  );
}

/** The Suspense fallback of a route whose code is still downloading: a heading bar and a few rows. */
export function PageSkeleton() {
  return (
    <div className="page-skeleton">
      <SkeletonLine width="40%" />
      <SkeletonRows rows={4} label="Loading page" />
    </div>
  );
}
