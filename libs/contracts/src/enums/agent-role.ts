/** The seven agent roles; each runs as its own service (`agent-<role>`). */
export const AgentRoles = ['pm', 'lead', 'developer', 'qa', 'docs', 'devops', 'security'] as const;
export type AgentRole = (typeof AgentRoles)[number];

/** Who wrote a comment or reply: an agent role, or a person through the API. */
export const AuthorRoles = [...AgentRoles, 'user', 'system'] as const;
export type AuthorRole = (typeof AuthorRoles)[number];
