/** The fields of an action item every item reminder carries; a sensitive item travels without its words (rule 10). */
export type ItemFacts = {
  id: string;
  collaborationId: string;
  collaborationTopic: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  sensitive: boolean;
  description: string;
  deliverable: string;
};

export function itemPayload(item: ItemFacts, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = {
    actionItemId: item.id,
    collaborationId: item.collaborationId,
    collaborationTopic: item.collaborationTopic,
    ownerId: item.ownerId,
    ownerName: item.ownerName,
    dueDate: item.dueDate,
    sensitive: item.sensitive,
    ...extra,
  };
  return item.sensitive ? base : { ...base, description: item.description, deliverable: item.deliverable };
}
