/** Where a value a loop makes stands, and how messages name what loops make there. */

/** Where a value stands: which section, and for what is in Resources, the resource it belongs to. */
export interface Place {
  readonly section: string;
  /** Keys generated here are logical ids (of resources, conditions or outputs): alphanumeric only. */
  readonly logicalIds: boolean;
  readonly resource?: string;
}

/** Whether the keys made here are resources' logical ids (a loop at the top of Resources). */
export function makesResources(place: Place): boolean {
  return place.logicalIds && place.section === 'Resources';
}

/** Where a child of a mapping stands: the top-level keys of a section are the resources (or outputs) themselves. */
export function inside(place: Place, key: string): Place {
  if (!place.logicalIds) return place;
  return place.section === 'Resources'
    ? { section: 'Resources', logicalIds: false, resource: key }
    : { ...place, logicalIds: false };
}

/** What the keys a loop makes are, in the plural. */
export function entriesNoun(place: Place): string {
  if (!place.logicalIds) return 'properties';
  return place.section === 'Resources' ? 'resources' : place.section === 'Outputs' ? 'outputs' : 'conditions';
}

/** What goes unchecked when a loop cannot be expanded. */
export function notChecked(place: Place): string {
  if (place.logicalIds) return `not expanded: the ${entriesNoun(place)} this loop makes are not checked`;
  return `not expanded: the properties this loop makes${place.resource ? ` in ${place.resource}` : ''} are not checked`;
}
