import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Check, CheckSettings } from './checks/define.js';
import { type ConfigChoice, unusedConfigWarnings } from './config/choose.js';
import type { Config } from './config/config.js';
import { closest } from './config/names.js';
import { evaluateTemplate } from './engine/evaluate-template.js';
import type { Finding, ScanError } from './findings/finding.js';
import { hideInError, hideInFinding, hideValues, noEchoValues } from './findings/no-echo.js';
import { compare, sortFindings } from './findings/sort.js';
import {
  applySuppressions,
  type SuppressionsFile,
  SuppressionTally,
  unknownInlineSuppressionWarnings,
  unmatchedInlineSuppressionWarnings,
  unmatchedSuppressionWarnings,
} from './findings/suppress.js';
import { own, setOwn } from './model/own.js';
import { isUnknown, type Unknown } from './model/values.js';
import { CloudAssemblies } from './sources/cloudformation/cdk-manifest.js';
import type { DefaultCondition } from './sources/cloudformation/default-conditions.js';
import { asRecord } from './sources/cloudformation/intrinsic-values.js';
import { type Inclusion, readLocalDefinitions } from './sources/cloudformation/local-definitions.js';
import { withParentText } from './sources/cloudformation/nested-parent-text.js';
import {
  type UnscannedNesting,
  unscannedNestingWarnings,
  withNestedTemplates,
} from './sources/cloudformation/nested-stack-links.js';
import {
  givenResources,
  type NestedOutputs,
  nestedStacks,
  type ParentGift,
  type ParentValues,
} from './sources/cloudformation/nested-stacks.js';
import { fixedValues, neverHolding } from './sources/cloudformation/never-holding.js';
import { OtherStacks } from './sources/cloudformation/other-stacks.js';
import { COOKIECUTTER_TAG, parseHint } from './sources/cloudformation/parse-hints.js';
import { isPossibleCase } from './sources/cloudformation/possible-cases.js';
import { defaultsRefusedByRules } from './sources/cloudformation/rules.js';
import { type StackExports, stackExports } from './sources/cloudformation/stack-exports.js';
import {
  buildTemplateInventory,
  isTemplate,
  type TemplateOptions,
  type TemplateResult,
} from './sources/cloudformation/template.js';
import { parseTemplateText } from './sources/cloudformation/template-text.js';
import { type ParsedFile, ParseError } from './sources/cloudformation/yaml.js';
import { type Discovered, type Discovery, describe, discover } from './sources/discover.js';
import { displayPathFor } from './sources/display-path.js';
import { FileTexts, readCapped } from './sources/file-texts.js';
import {
  isServiceFile,
  namedServiceMessage,
  unpackagedServiceWarnings,
} from './sources/serverless-services.js';

export { displayPathFor };

/** Larger files are not templates CloudFormation would take (its limit is 1 MB); reading them costs. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ScanOptions {
  readonly checks: readonly Check[];
  readonly config: Config;
  readonly scanDate: Date;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly includePassed?: boolean;
  /** Every check id there is, to warn about inline suppressions that name none of them. */
  readonly knownCheckIds?: readonly string[];
  /** Base for the paths findings show; default the working directory. */
  readonly cwd?: string;
  /** Warnings found before the scan (options of a check that is off), reported with the scan's own. */
  readonly warnings?: readonly string[];
  /** How the config was chosen: the scan warns about each other parapet.yaml it meets and does not use. */
  readonly configChoice?: ConfigChoice;
}

export interface ScannedTemplate {
  readonly file: string;
  readonly format: 'cloudformation' | 'sam' | 'cdk';
  readonly resources: number;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly warnings: string[];
  readonly templates: ScannedTemplate[];
  readonly checksRun: number;
  /** Passing results of every check on every resource, kept in `findings` or not (`includePassed`). */
  readonly passed: number;
  readonly scanDate: Date;
  /** The parapet.yaml the scan used, as findings show paths; absent when none was. */
  readonly config?: string;
}

/** Scans templates under the given paths. */
export function scan(paths: readonly string[], options: ScanOptions): ScanResult {
  const discovered = discover(paths);
  // The folders scanned: what a template there may include from (see local-files.ts). A file scanned adds no
  // folder (its own is its template's already), nor does a path that is not there.
  const roots = paths.filter((path) => existsSync(path) && statSync(path).isDirectory());
  return finishScan(paths, discovered, scanFiles(discovered.files, options, roots), options);
}

/** What scanning some files gives, before the scan-wide warnings: plain data. */
export interface PartialResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly warnings: string[];
  readonly templates: ScannedTemplate[];
  readonly passed: number;
}

/**
 * What the files gave, and what the scan-wide warnings are decided from once every file is done: the
 * parameters templates declare, what the config's suppressions matched.
 */
export interface FilesScan extends PartialResult {
  readonly declaredParameters: string[];
  readonly tally: SuppressionTally;
}

/**
 * Parses, models and checks each file; a file that fails is an error and the rest go on. Even a fault of
 * Parapet's own on one file is reported as that file's error, not a crash.
 */
export function scanFiles(
  named: readonly Discovered[],
  options: ScanOptions,
  /** The folders scanned, which a template may include files from. */
  roots: readonly string[] = [],
): FilesScan {
  const displayPath = displayPathFor(options.cwd ?? process.cwd());
  const settings: CheckSettings = {
    scanDate: options.scanDate,
    trustedAccounts: options.config.trustedAccounts,
    options: options.config.options,
  };
  const out: FileOutputs = {
    findings: [],
    errors: [],
    warnings: new Set<string>(),
    templates: [],
    passed: 0,
    declaredParameters: new Set<string>(),
    tally: new SuppressionTally(),
  };
  // Nested stacks of CDK output take their parameters from their parent stack, when it is scanned too. That
  // pass reads every file; the scan takes the texts it read rather than read them again.
  const texts = new FileTexts(MAX_FILE_BYTES);
  // Resolved as discover() resolves the paths it is given.
  const projectFolders = [options.cwd ?? process.cwd(), ...roots.map((root) => resolve(root))];
  const files = withNestedTemplates(named, MAX_FILE_BYTES, texts, projectFolders);
  const nested = nestedStacks(
    files.map((f) => f.file),
    options.parameters,
    MAX_FILE_BYTES,
    texts,
    displayPath,
    projectFolders,
  );
  const fromParents = nested.gifts;
  // An Fn::ImportValue of an export another scanned stack makes gives what that stack exports. Worked
  // out once, when the first file that imports is met: folders without imports read nothing more.
  let exports: StackExports | undefined;
  const exportsOfStacks = () => {
    exports ??= stackExports(
      files.map((f) => f.file),
      options.parameters,
      MAX_FILE_BYTES,
      fromParents,
      displayPath,
      texts,
    );
    return exports;
  };
  // When a text read ahead imports, before any file is scanned: the exporting files it parses are then parsed once,
  // for it and for their own scans (FileTexts keeps the parses of files not scanned yet).
  // A fault of Parapet's own there is left to the first file that imports, which reports it as its error, as before.
  try {
    if (files.some((f) => texts.peek(f.file)?.includes('ImportValue'))) exportsOfStacks();
  } catch {
    exports = undefined;
  }
  // The construct paths of CDK output without path metadata, from manifest.json: each read once.
  const assemblies = new CloudAssemblies(MAX_FILE_BYTES, displayPath);
  const ctx: FileScanContext = {
    settings,
    displayPath,
    out,
    fromParents,
    nestedOutputs: nested.outputs,
    unscannedNestings: nested.unscanned,
    exportsOfStacks,
    otherStacks: new OtherStacks(
      files.map((f) => f.file),
      displayPath,
      (file) => buildLinkedStack(file, options, ctx),
      (file) => texts.read(file),
      (file) => fromParents.has(resolve(file)),
      (file) => nested.unscanned.get(resolve(file)) ?? [],
      (file) => givenResources(fromParents.get(resolve(file))),
    ),
    assemblies,
    texts,
    builtAhead: new Map(),
    projectFolders,
    suppressionsFile: suppressionsFileOf(options.config.file, options.cwd ?? process.cwd(), displayPath),
  };
  // The last file that imports (or whose text is not held: it may): stacks that export are kept for no later one.
  let lastImporter = -1;
  for (const [index, { file }] of files.entries())
    if (texts.peek(file)?.includes('ImportValue') ?? true) lastImporter = index;
  for (const [index, { file, explicit }] of files.entries()) {
    try {
      scanFile(file, explicit, options, ctx, index < lastImporter);
    } catch (error) {
      out.errors.push({
        kind: 'internal',
        file: displayPath(file),
        message: `not checked: Parapet failed on this file (${describe(error)}); please report this`,
      });
    }
  }
  return {
    findings: out.findings,
    errors: out.errors,
    warnings: [...out.warnings],
    templates: out.templates,
    passed: out.passed,
    declaredParameters: [...out.declaredParameters],
    tally: out.tally,
  };
}

/** What the files add up to while they are scanned. */
interface FileOutputs {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly warnings: Set<string>;
  readonly templates: ScannedTemplate[];
  passed: number;
  readonly declaredParameters: Set<string>;
  readonly tally: SuppressionTally;
}

interface FileScanContext {
  readonly settings: CheckSettings;
  readonly displayPath: (file: string) => string;
  readonly out: FileOutputs;
  /** Per nested stack template (resolved path), the values its parent gives its parameters. */
  readonly fromParents: ReadonlyMap<string, ParentGift>;
  /** Per parent template (resolved path), the outputs of its scanned nested stacks that are their resources. */
  readonly nestedOutputs: NestedOutputs;
  /** Per parent template (resolved path), its stack resources whose template is a local file not scanned. */
  readonly unscannedNestings: ReadonlyMap<string, readonly UnscannedNesting[]>;
  /** The exports of the scanned stacks, by export name (worked out on first call). */
  readonly exportsOfStacks: () => StackExports;
  /** The other stacks of the scan, as exports and imports, and nesting, link each stack to them. */
  readonly otherStacks: OtherStacks;
  /** The parapet.yaml the suppressions come from, when there is one. */
  readonly suppressionsFile: SuppressionsFile | undefined;
  readonly assemblies: CloudAssemblies;
  readonly texts: FileTexts;
  /** By resolved path, files built for another stack's checks before their own scan, which takes them. */
  readonly builtAhead: Map<string, Prepared>;
  /** The working folder and the folders scanned: a template may include files from them. */
  readonly projectFolders: readonly string[];
}

/** A file's template and its first build (with the parameters' defaults), as its own scan makes them. */
interface Prepared {
  readonly loaded: LoadedTemplate;
  readonly cdkPaths: ReadonlyMap<string, string> | undefined;
  readonly templateOptions: TemplateOptions;
  readonly built: TemplateResult;
}

/**
 * Builds a loaded file's template as its own scan does, neighbours included: they are only asked when its checks
 * run. The warnings of the cloud assembly are the scan's (a set: told once, whoever builds first).
 */
function prepare(
  file: string,
  loaded: LoadedTemplate,
  options: ScanOptions,
  ctx: FileScanContext,
  /** False for a stack scanned already: its warnings are told, the walk for transforms is spared. */
  forOwnScan = true,
): Prepared {
  const { out } = ctx;
  const warn = (w: string) => out.warnings.add(w);
  // Only a template with resources lacking `aws:cdk:path` metadata needs its cloud assembly's construct paths; any may
  // be of a stack whose environment names the account it deploys to.
  const cdkPaths = lacksPathMetadata(loaded.doc) ? ctx.assemblies.constructPaths(file, warn) : undefined;
  const ownAccount = ctx.assemblies.ownAccount(file, warn);
  const templateOptions: TemplateOptions = {
    ...linkedOptions(file, loaded, options, ctx),
    neighbours: ctx.otherStacks.viewFrom(file, loaded.doc),
    transformsInText: forOwnScan && loaded.transforms,
    ...(cdkPaths ? { cdkPaths } : {}),
    ...(ownAccount ? { ownAccount } : {}),
    parseErrors: loaded.parsed.errors,
    // Values given with -p may make a rule refuse a default (`Env=prod` needs a `Key`), and the defaults may break
    // a rule by themselves (ssosync's `DeployPattern` default needs credentials whose default is ''): not known.
    ...refusedDefaults(loaded.doc, options.parameters, ctx.fromParents.get(resolve(file))?.values),
  };
  const built = buildTemplateInventory(loaded.doc, loaded.parsed.locator, templateOptions);
  return { loaded, cdkPaths, templateOptions, built };
}

function scanFile(
  file: string,
  explicit: boolean,
  options: ScanOptions,
  ctx: FileScanContext,
  /** Whether a file that imports is still to be scanned after this one. */
  importsAhead: boolean,
): void {
  const { displayPath, out } = ctx;
  let prepared = ctx.builtAhead.get(resolve(file));
  ctx.builtAhead.delete(resolve(file));
  if (!prepared) {
    const loaded = loadTemplate(file, explicit, displayPath, ctx.texts, ctx.projectFolders);
    if ('error' in loaded) {
      if (loaded.error) out.errors.push(loaded.error);
      if (loaded.warning) out.warnings.add(loaded.warning);
      return;
    }
    prepared = prepare(file, loaded, options, ctx);
    // Its model, for the other stacks' checks that may ask for it later: not built again for them. A file found in
    // a folder that only its explicit naming makes a template is none for them (loadTemplate).
    if (loaded.asFound)
      ctx.otherStacks.offer(file, loaded.doc, loaded.text, prepared.built.inventory, importsAhead);
  }
  const { loaded, cdkPaths, templateOptions, built } = prepared;
  const { parsed } = loaded;
  const gift = ctx.fromParents.get(resolve(file));
  const fromParent = gift?.values;
  // What the template's parameters are given: with -p, and for a nested stack by its parent.
  const given = withParentText(options.parameters, fromParent);
  // What a deploy cannot change: not the values a parent took from its own defaults (those are defaults).
  const fixed = fixedValues(given, gift?.byDefault);
  const { inventory } = built;
  const hidden = noEchoValues(asRecord(loaded.doc.Parameters), given);
  // One object for every case asked of isPossibleCase, which works out what it needs of the template once per object.
  const withConditions = { ...loaded.doc, Conditions: built.conditions };
  // Asked of the same object, once per condition for all the cases built.
  const neverHolds = neverHolding(withConditions, given ?? {}, fixed);
  const evaluation = evaluateTemplate(
    built,
    options.checks,
    {
      settings: ctx.settings,
      severityOverrides: options.config.severityOverrides,
      displayPath,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.includePassed ? { includePassed: true } : {}),
      ...(hidden.length > 0 ? { hideText: (text: string) => hideValues(text, hidden) } : {}),
    },
    (conditions) =>
      buildTemplateInventory(loaded.doc, parsed.locator, {
        ...templateOptions,
        conditions,
        neverHolds,
        caseValues: caseValues(conditions, built.byDefault, (values) =>
          defaultsRefusedByRules(loaded.doc, given ?? {}, values),
        ),
      }),
    (conditions) => isPossibleCase(withConditions, fixed, conditions, given ?? {}),
  );
  for (const e of evaluation.templateErrors)
    out.errors.push(hideInError({ ...e, ...(e.file ? { file: displayPath(e.file) } : {}) }, hidden));
  // Warnings of this template pass the same NoEcho filter as its findings and errors.
  const warn = (text: string) => out.warnings.add(hidden.length > 0 ? hideValues(text, hidden) : text);
  // At the repeated key, `file:line:column: ...` as other warnings are, so that an editor or CI log links to it.
  for (const w of parsed.warnings) warn(`${displayPath(file)}:${w.line}:${w.column}: ${w.message}`);
  const unscanned = ctx.unscannedNestings.get(resolve(file));
  if (unscanned)
    for (const w of unscannedNestingWarnings(parsed.value, parsed.locator, unscanned, displayPath)) warn(w);
  for (const e of loaded.inclusion?.errors ?? [])
    out.errors.push(hideInError({ ...e, ...(e.file ? { file: displayPath(e.file) } : {}) }, hidden));
  for (const w of [...(loaded.inclusion?.warnings ?? []), ...built.warnings])
    warn(
      `${displayPath(w.file ?? file)}${w.line === undefined ? '' : `:${w.line}:${w.column}`}: ${w.message}`,
    );
  for (const name of Object.keys(asRecord(loaded.doc.Parameters) ?? {})) out.declaredParameters.add(name);
  // The parent's value wins, as it does at deploy: a -p value for the same name would otherwise go unnoticed
  // (unless the parent gives that same text, as a parent passing its own -p'd parameter down does).
  for (const [name, value] of Object.entries(options.parameters ?? {}))
    if (fromParent && Object.hasOwn(fromParent, name) && fromParent[name] !== value)
      warn(`${displayPath(file)}: parameter ${name} given with -p is not used here: ${gift?.by} gives it`);
  if (options.knownCheckIds) {
    for (const w of unknownInlineSuppressionWarnings(inventory, options.knownCheckIds, displayPath)) warn(w);
  }
  out.templates.push({
    file: displayPath(file),
    format: formatOf(
      loaded.doc,
      cdkPaths !== undefined ||
        inventory.list('lambda.function').some((f) => f.cdkPath !== undefined) ||
        isCdk(loaded.doc),
    ),
    // The roles outside the template that its functions name (IamRole.external) are not its resources.
    resources: inventory.size - inventory.list('iam.role').filter((role) => role.external).length,
  });
  for (const w of evaluation.warnings) warn(w);
  for (const e of evaluation.errors) out.errors.push(hideInError(e, hidden));
  out.passed += evaluation.passed;
  const suppressed = applySuppressions(
    evaluation.findings,
    inventory,
    options.config.suppressions,
    options.scanDate,
    out.tally,
    displayPath,
    ctx.suppressionsFile,
  );
  for (const f of suppressed.findings) out.findings.push(hideInFinding(f, hidden));
  for (const w of suppressed.warnings) warn(w);
  const checksRun = options.checks.map((check) => check.id);
  for (const w of unmatchedInlineSuppressionWarnings(
    inventory,
    suppressed.findings,
    suppressed.matchedInline,
    checksRun,
    displayPath,
  ))
    warn(w);
}

/**
 * How a file's template is built as part of the scan: with the -p values, what its parent stack gives it, the
 * exports of the other stacks it imports and the outputs of its nested stacks.
 */
function linkedOptions(
  file: string,
  loaded: LoadedTemplate,
  options: ScanOptions,
  ctx: FileScanContext,
): TemplateOptions {
  const gift = ctx.fromParents.get(resolve(file));
  const nestedOutputs = ctx.nestedOutputs.get(resolve(file));
  return {
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(gift
      ? {
          fromParent: gift.values,
          fromParentDefaults: gift.byDefault,
          fromParentBy: gift.by,
          fromParentNestings: gift.nestings,
        }
      : {}),
    ...(gift?.noEcho ? { fromParentNoEcho: gift.noEcho } : {}),
    ...(gift?.noEchoTexts ? { fromParentNoEchoTexts: gift.noEchoTexts } : {}),
    ...(gift?.optional ? { fromParentOptional: gift.optional } : {}),
    ...(loaded.imports ? { exports: ctx.exportsOfStacks() } : {}),
    ...(nestedOutputs ? { nestedOutputs } : {}),
  };
}

/**
 * The model of another scanned stack, for what this one links to in it (OtherStacks): built as its own scan builds
 * it, before its own scan, which then takes it rather than build it again (its findings and errors are that scan's
 * to report). OtherStacks reads it without its neighbours.
 */
function buildLinkedStack(file: string, options: ScanOptions, ctx: FileScanContext) {
  // Scanned already (its model not kept then, as none was expected to ask), nothing will take this build.
  const scanned = ctx.texts.wasTaken(file);
  const loaded = loadTemplate(file, false, ctx.displayPath, ctx.texts, ctx.projectFolders);
  if ('error' in loaded) return undefined;
  ctx.otherStacks.noteText(file, loaded.text);
  const prepared = prepare(file, loaded, options, ctx, !scanned);
  if (!scanned) ctx.builtAhead.set(resolve(file), prepared);
  return prepared.built.inventory;
}

/** How suppression warnings name parapet.yaml, and a finding's file as seen from its folder (see SuppressionsFile). */
function suppressionsFileOf(
  config: string | undefined,
  cwd: string,
  displayPath: (file: string) => string,
): SuppressionsFile | undefined {
  if (config === undefined) return undefined;
  const folder = dirname(resolve(cwd, config));
  return { shown: displayPath(config), relative: (shown) => relative(folder, resolve(cwd, shown)) };
}

/**
 * The scan's result from what the files gave, with what only the whole scan can tell: files that could
 * not be read, -p values no template declares, config suppressions that matched nothing, other
 * parapet.yaml files met.
 */
function finishScan(
  given: readonly string[],
  discovered: Discovery,
  part: FilesScan,
  options: ScanOptions,
): ScanResult {
  const displayPath = displayPathFor(options.cwd ?? process.cwd());
  const readErrors: ScanError[] = discovered.errors.map((e) => ({
    kind: 'read',
    message: e.message,
    file: displayPath(e.path),
  }));
  const templateCount = part.templates.length;
  const declared = new Set(part.declaredParameters);
  const warnings: string[] = [];
  // A CI job pointed at the wrong folder (or at cdk.out before `cdk synth`) would otherwise pass in silence.
  if (templateCount === 0 && part.errors.length === 0 && readErrors.length === 0) {
    warnings.push(
      `no CloudFormation, SAM or CDK template found in ${given.map((p) => displayPath(p) || '.').join(', ')}: nothing was checked`,
    );
  }
  for (const name of Object.keys(options.parameters ?? {})) {
    if (templateCount > 0 && !declared.has(name)) {
      warnings.push(
        `parameter ${name} given with -p is not declared by any scanned template; it was not used` +
          parameterHint(name, [...declared]),
      );
    }
  }
  // Suppressions apply across templates: one that matched nothing is told once every template is done.
  if (templateCount > 0) {
    const unmatched = unmatchedSuppressionWarnings(
      options.config.suppressions,
      part.tally,
      options.config.file === undefined ? 'parapet.yaml' : displayPath(options.config.file),
      options.checks.map((c) => c.id),
    );
    warnings.push(...unmatched);
  }
  if (options.configChoice)
    warnings.push(...unusedConfigWarnings(options.configChoice, displayPath, discovered.configs));
  // The files the scan reached, by the paths it shows: a service whose `.serverless/` gave none was not checked.
  const reached = [...part.templates, ...part.errors, ...readErrors].flatMap((t) => (t.file ? [t.file] : []));
  warnings.push(...unpackagedServiceWarnings(discovered.services, reached, displayPath));
  const scanWide: PartialResult = { findings: [], errors: readErrors, warnings, templates: [], passed: 0 };
  return mergeResults([part, scanWide], options);
}

/** The declared parameter a -p name most likely meant (`stage` for `Stage`), as a hint; '' when none is close. */
function parameterHint(name: string, declared: readonly string[]): string {
  const guess = closest(name, declared);
  if (guess === undefined) return '';
  return guess.toLowerCase() === name.toLowerCase()
    ? ` (did you mean ${guess}? parameter names are case-sensitive)`
    : ` (did you mean ${guess}?)`;
}

/** One result from the parts, in the one order every output uses. */
function mergeResults(parts: readonly PartialResult[], options: ScanOptions): ScanResult {
  return {
    findings: sortFindings(parts.flatMap((p) => p.findings)),
    errors: sortErrors(parts.flatMap((p) => p.errors)),
    warnings: [...new Set([...(options.warnings ?? []), ...parts.flatMap((p) => p.warnings)])].sort(),
    templates: parts.flatMap((p) => p.templates).sort((a, b) => compare(a.file, b.file)),
    checksRun: options.checks.length,
    passed: parts.reduce((n, p) => n + p.passed, 0),
    scanDate: options.scanDate,
    ...(options.config.file
      ? { config: displayPathFor(options.cwd ?? process.cwd())(options.config.file) }
      : {}),
  };
}

/**
 * A file read and parsed as a template. `imports`, `transforms`: whether its text names `Fn::ImportValue`, or an
 * `Fn::Transform` (cheap tests of the text that spare walks of the template).
 */
interface LoadedTemplate {
  readonly doc: Record<string, unknown>;
  readonly parsed: ParsedFile;
  readonly text: string;
  /** Whether it would be taken as a template found in a folder, not only when named (see looksLikeTemplate). */
  readonly asFound: boolean;
  /** What reading the API definitions it includes from files gave (warnings, errors), when it includes one. */
  readonly inclusion?: Inclusion;
  readonly imports: boolean;
  readonly transforms: boolean;
}

type Loaded =
  | LoadedTemplate
  /** `warning`: a file found in a folder and left out, said why (not an error: it may be no template). */
  | { error: ScanError | undefined; warning?: string };

/** Reads and parses one file; a file found in a folder that is not a template is skipped quietly. */
function loadTemplate(
  file: string,
  explicit: boolean,
  displayPath: (f: string) => string,
  texts: FileTexts,
  /** The working folder and the folders scanned: besides the template's own, where it may include files from. */
  projectFolders: readonly string[],
): Loaded {
  const shown = displayPath(file);
  let text: string;
  const parsedAhead = texts.takeParsed(file);
  const ahead = texts.take(file);
  if (ahead !== undefined) text = ahead;
  else
    try {
      const read = readCapped(file, MAX_FILE_BYTES);
      if ('tooLarge' in read) {
        const size = read.tooLarge;
        return explicit || /\.(template|cfn)$/.test(file)
          ? {
              error: {
                kind: 'read',
                file: shown,
                message: `not scanned: ${(size / 1048576).toFixed(2)} MB is over the ${MAX_FILE_BYTES / 1048576} MB Parapet reads of a file (CloudFormation accepts templates of 1 MB)`,
              },
            }
          : {
              error: undefined,
              warning: `${shown} was not read: ${(size / 1048576).toFixed(2)} MB is over the ${MAX_FILE_BYTES / 1048576} MB Parapet reads of a file (CloudFormation accepts templates of 1 MB)`,
            };
      }
      text = read.text;
    } catch (error) {
      return { error: { kind: 'read', file: shown, message: `cannot read ${shown}: ${describe(error)}` } };
    }
  const asFound = looksLikeTemplate(text);
  if (!explicit && !asFound) return { error: undefined };
  let parsed: ParsedFile;
  try {
    parsed = parsedAhead ?? parseTemplateText(file, text);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return {
      error: {
        kind: 'parse',
        file: shown,
        ...(error.line ? { line: error.line, column: error.column } : {}),
        message: `cannot parse: ${error.message}${parseHint(text, error.line)}`,
      },
    };
  }
  if (!isTemplate(parsed.value)) {
    return explicit
      ? {
          error: {
            kind: 'template',
            file: shown,
            line: 1,
            column: 1,
            message: isServiceFile(file)
              ? namedServiceMessage(file, parsed.value, displayPath)
              : `${shown} is not a CloudFormation template (no Resources with a Type)`,
          },
        }
      : { error: undefined };
  }
  // A project starter (cookiecutter) often parses: its tags sit in quoted strings. Checking it would report
  // `{{ cookiecutter.runtime }}` as a runtime: it is not a template CloudFormation is given until rendered.
  const cookiecutter = COOKIECUTTER_TAG.exec(text);
  if (cookiecutter) {
    const line = text.slice(0, cookiecutter.index).split('\n').length;
    return {
      error: {
        kind: 'template',
        file: shown,
        line,
        column: cookiecutter.index - text.lastIndexOf('\n', cookiecutter.index - 1),
        message: `${shown} holds {{ cookiecutter }} tags: it is a project template, not checked; render it (cookiecutter), then scan the result`,
      },
    };
  }
  // `AllowedValues: []` is taken out already, with its warning, as every pass reads the template (parseTemplateText).
  const doc = parsed.value;
  // The definitions it takes from files beside it (API definitions by AWS::Include, state machines' definition
  // files), read into it before it is modelled; only a text that names one of them is looked through.
  const inclusion = LOCAL_DEFINITION_WORDS.some((word) => text.includes(word))
    ? readLocalDefinitions(doc, parsed.locator, MAX_FILE_BYTES, projectFolders)
    : undefined;
  return {
    doc,
    parsed: inclusion ? { ...parsed, locator: inclusion.locator } : parsed,
    ...(inclusion ? { inclusion } : {}),
    text,
    asFound,
    imports: text.includes('ImportValue'),
    transforms: text.includes('Fn::Transform') || text.includes('!Transform'),
  };
}

/** Words a template that takes a definition from a local file writes (see readLocalDefinitions). */
const LOCAL_DEFINITION_WORDS = ['AWS::Include', 'DefinitionUri', 'DefinitionS3Location'];

/**
 * A cheap look before parsing: templates declare the template format version, or list Resources with
 * their types. One that declares the version is reported even without Resources (CloudFormation rejects it).
 */
function looksLikeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && text.includes('AWS::'));
}

function isCdk(doc: Record<string, unknown>): boolean {
  return Object.values(asRecord(doc.Resources) ?? {}).some((raw) => {
    const resource = asRecord(raw);
    return (
      resource?.Type === 'AWS::CDK::Metadata' ||
      typeof asRecord(resource?.Metadata)?.['aws:cdk:path'] === 'string'
    );
  });
}

/**
 * What a case's conditions give the parameters: for each default-decided condition taken the other way, the
 * values its parameters then have (DefaultCondition.otherValues).
 */
function caseValues(
  conditions: ReadonlyMap<string, boolean>,
  byDefault: ReadonlyMap<string, DefaultCondition>,
  /** The parameters whose defaults the template's Rules refuse with those values: not known in the case. */
  refusedDefaults: (values: Readonly<Record<string, string | Unknown>>) => Record<string, Unknown>,
): Record<string, string | Unknown> {
  const values: Record<string, string | Unknown> = {};
  for (const [name, holds] of conditions) {
    const decided = byDefault.get(name);
    if (!decided || decided.holds === holds) continue;
    // The one value a condition needs (`Env: dev` for IsDev) wins over another's "other than the default".
    for (const [parameter, value] of Object.entries(decided.otherValues))
      if (typeof own(values, parameter) !== 'string') setOwn(values, parameter, value);
  }
  for (const [parameter, value] of Object.entries(refusedDefaults(values)))
    if (own(values, parameter) === undefined) setOwn(values, parameter, value);
  // A parameter that alone decides a condition the case keeps at its default keeps its default: "other than its
  // default" from a condition of several parameters taken otherwise (`!And [FetchTags is true, Bucket is ""]`), or
  // from one that another value of it also makes (`SsmEnabled` neither `True` nor `False`), would leave that
  // condition undecided in the case, which decides it. (Cases no deploy can make are not built: isPossibleCase.)
  for (const [name, decided] of byDefault) {
    if (conditions.has(name)) continue;
    const parameter = Object.keys(decided.otherValues);
    const only = parameter.length === 1 ? (parameter[0] as string) : undefined;
    if (only !== undefined && isUnknown(own(values, only))) delete values[only];
  }
  return values;
}

/**
 * The defaults the template's Rules refuse with the values given with -p and by a parent stack (or with the defaults
 * alone), as case values; nothing without Rules.
 */
function refusedDefaults(
  doc: Record<string, unknown>,
  given: Readonly<Record<string, string>> | undefined,
  fromParent: ParentValues | undefined,
): Pick<TemplateOptions, 'caseValues'> {
  if (doc.Rules === undefined) return {};
  const refused = defaultsRefusedByRules(doc, given ?? {}, fromParent ?? {});
  return Object.keys(refused).length === 0 ? {} : { caseValues: refused };
}

/** Whether some resource has no `aws:cdk:path` metadata (plain templates, CDK output synthesized without it). */
function lacksPathMetadata(doc: Record<string, unknown>): boolean {
  const resources = asRecord(doc.Resources) ?? {};
  for (const id in resources)
    if (typeof asRecord(asRecord(resources[id])?.Metadata)?.['aws:cdk:path'] !== 'string') return true;
  return false;
}

function formatOf(doc: Record<string, unknown>, cdk: boolean): ScannedTemplate['format'] {
  if (cdk) return 'cdk';
  const transform = doc.Transform;
  const list = Array.isArray(transform) ? transform : [transform];
  return list.some((t) => typeof t === 'string' && t.startsWith('AWS::Serverless'))
    ? 'sam'
    : 'cloudformation';
}

function sortErrors(errors: ScanError[]): ScanError[] {
  return errors.sort(
    (a, b) =>
      compare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.message, b.message),
  );
}
