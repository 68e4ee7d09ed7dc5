/**
 * The controls every least-privilege finding maps to. Checks spread this and add what is
 * specific to them, so one review of these mappings covers them all.
 */
export const LEAST_PRIVILEGE = {
  'nist-800-53-r5': ['AC-3', 'AC-6'],
  'pci-dss-4.0': ['7.2.1', '7.2.2', '7.2.5'],
  hipaa: ['164.312(a)(1)'],
  soc2: ['CC6.1', 'CC6.3'],
} as const;
