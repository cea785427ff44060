import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

type RuleLookup = (
  target: new (...args: unknown[]) => unknown,
  schema: string,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => ValidationMetadata[];

interface RuleStorage {
  getTargetValidationMetadatas: RuleLookup;
  groupByPropertyName(rules: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  addValidationMetadata(rule: ValidationMetadata): void;
}

let memoized = false;

/**
 * class-validator finds a class's rules anew for every object it validates, nested ones included, by walking
 * every class it knows and filtering their rules into fresh arrays. With all our contracts registered that
 * was ~100 KB of garbage and a tenth of a millisecond per agent result (profiled on the orchestrator's
 * result path), on every message every service takes in. Rules come from decorators, fixed once a class is
 * defined, so the answer for (class, schema, options) is kept until a rule is added; lookups by group (which
 * we do not use) go the stock way. The schema is part of the key, not a reason to skip the cache: for every
 * nested object class-validator passes its parent class's name as the schema (a rule whose target is that
 * string would apply too), so skipping it missed the cache on every nested value of every message. Nothing
 * changes about what is validated.
 */
export function memoizeValidationRules(): void {
  if (memoized) return;
  memoized = true;
  const storage = getMetadataStorage() as unknown as RuleStorage;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let rules = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups && groups.length > 0) return lookup(target, schema, always, strictGroups, groups);
    const options = `${schema}\0${String(always)}:${String(strictGroups)}`;
    let byOptions = rules.get(target);
    if (!byOptions) rules.set(target, (byOptions = new Map<string, ValidationMetadata[]>()));
    let found = byOptions.get(options);
    if (!found) byOptions.set(options, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (list) => {
    let byProperty = grouped.get(list);
    if (!byProperty) grouped.set(list, (byProperty = group(list)));
    return byProperty;
  };
  storage.addValidationMetadata = (rule) => {
    rules = new Map();
    grouped = new WeakMap();
    add(rule);
  };
}
