import {
  DEFAULT_MARKERS,
  extractMarkerText,
  parseOfflineMarkers,
  stripMarkers,
} from './offline-markers.parser';

describe('offline steering markers', () => {
  it('has defaults that exercise one review fix and nothing else', () => {
    expect(parseOfflineMarkers('no markers here')).toEqual({ markers: { ...DEFAULT_MARKERS }, problems: [] });
  });

  it('reads every marker', () => {
    const text =
      'Build it [offline:tasks=6] [offline:chain-length=3] [offline:review-rejects=2] [offline:security-critical=1] ' +
      '[offline:qa-failures=1] [offline:fail-kind=review,test] [offline:fail-kind-retryable=document] [offline:invalid-json=create_tasks]';
    expect(parseOfflineMarkers(text)).toEqual({
      markers: {
        tasks: 6,
        chainLength: 3,
        reviewRejects: 2,
        securityCritical: 1,
        qaFailures: 1,
        failKinds: ['review', 'test'],
        failKindsRetryable: ['document'],
        invalidJsonKinds: ['create_tasks'],
      },
      problems: [],
    });
  });

  it('reports out-of-range values, unknown kinds and unknown markers, and keeps the defaults', () => {
    const { markers, problems } = parseOfflineMarkers(
      '[offline:tasks=0] [offline:review-rejects=x] [offline:fail-kind=deploy] [offline:colour=red]',
    );
    expect(markers.tasks).toBeUndefined();
    expect(markers.reviewRejects).toBe(DEFAULT_MARKERS.reviewRejects);
    expect(markers.failKinds).toEqual([]);
    expect(problems).toEqual([
      '[offline:tasks=0]: expected an integer from 1 to 50',
      '[offline:review-rejects=x]: expected an integer from 0 to 20',
      '[offline:fail-kind=deploy]: unknown job kind "deploy"',
      '[offline:colour=red]: unknown offline marker "colour"',
    ]);
  });

  it('lets the last value of a repeated number marker win', () => {
    expect(parseOfflineMarkers('[offline:tasks=3] then [offline:tasks=4]').markers.tasks).toBe(4);
  });

  it('extracts markers verbatim once each, and strips them from text', () => {
    const text = 'A [offline:tasks=3] B [offline:tasks=3] C';
    expect(extractMarkerText(text)).toEqual(['[offline:tasks=3]']);
    expect(stripMarkers(text)).toBe('A B C');
  });
});
