/** Fields every resource in a reply carries. Timestamps are ISO-8601 UTC strings. */
export interface ResourceView {
  id: string;
  createdAt: string;
  updatedAt: string;
}
