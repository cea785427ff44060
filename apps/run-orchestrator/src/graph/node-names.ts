/** The graph's nodes, as the seed design names them. Job ids embed these, so renaming one changes ids. */
export const NodeNames = {
  pmAnalyzeRequirements: 'pm_analyze_requirements',
  pmCreateTasks: 'pm_create_tasks',
  bootstrapRepo: 'bootstrap_repo',
  devWorkCycle: 'dev_work_cycle',
  leadReviewCycle: 'lead_review_cycle',
  qaTestCycle: 'qa_test_cycle',
  securityScanCycle: 'security_scan_cycle',
  docsFinalize: 'docs_finalize',
  devopsPrepare: 'devops_prepare',
  finalDecision: 'final_decision',
} as const;
export type NodeName = (typeof NodeNames)[keyof typeof NodeNames];

/** Phases the final report times; the three task nodes share one because they interleave. */
export type Phase =
  'analysis' | 'planning' | 'bootstrap' | 'tasks' | 'security' | 'docs' | 'devops' | 'paused';
