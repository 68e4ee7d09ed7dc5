export { secretAttribute } from './attributes.js';
export { type BenignReason, benignReason } from './benign.js';
export { detectSecretInNamedValue, detectSecretInTemplate, detectSecretInValue } from './detect.js';
export { looksRandom, shannonEntropy } from './entropy.js';
export {
  categoryPhrase,
  isSecretReferenceName,
  namesSecretStore,
  nameWords,
  parameterValueName,
  type SecretName,
  type SecretNameCategory,
  secretName,
} from './names.js';
export { redact } from './redact.js';
export type { SecretConfidence, SecretHit } from './types.js';
