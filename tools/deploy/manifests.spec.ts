/**
 * The Kubernetes manifests under deploy/, checked offline on every `npm test`:
 * - every YAML document parses (duplicate keys included) and every object is valid against the Kubernetes v1.33
 *   schemas of the pinned `kubernetes-models` package (its compiled JSON-schema validators, `validate()`), with no
 *   field the API does not know (read from the same package's types: the schemas themselves accept unknown fields,
 *   which the API server rejects);
 * - the kustomizations list every manifest and only existing files, set no namespace, and pin one image for all;
 * - the project's rules: requests and limits on every container, non-root with a read-only root and /tmp on an
 *   emptyDir, API_ROLE on every Deployment, /readyz and /healthz probes where the role listens and none where it
 *   does not, graceful termination for the http role, no `:latest` image unless kustomize overrides it, only
 *   variables that apps/api/src/platform/config/app-config.ts reads, every secret it requires in production in
 *   the Secret template, and the configuration as shipped accepted by the api's own loadConfig.
 * The last block breaks copies of the manifests in a temp dir, one rule at a time, to prove each rule bites.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY_DIR = path.join(ROOT, 'deploy');
const APP_CONFIG_FILE = path.join(ROOT, 'apps/api/src/platform/config/app-config.ts');
/** Kubernetes v1.33.0's OpenAPI schemas as ajv validators plus their TypeScript types (pinned in package.json). */
const MODELS_PACKAGE = 'kubernetes-models';

/**
 * Secrets the deployment needs besides those app-config.ts itself requires in production: their defaults point
 * at localhost or at the Zoom simulator, and they carry credentials.
 */
const DEPLOYMENT_SECRETS = ['DATABASE_URL', 'REDIS_URL', 'ZOOM_CLIENT_SECRET', 'ZOOM_WEBHOOK_SECRET_TOKEN'];
/** Credentials that may be added to the Secret and must never sit in a ConfigMap. */
const OPTIONAL_SECRETS = ['OPENAI_API_KEY', 'SMTP_URL', 'TOKEN_ENCRYPTION_PREVIOUS_KEYS'];
const WEBHOOK_PATH = '/webhooks/zoom';
const KUSTOMIZATION_KEYS = new Set(['apiVersion', 'kind', 'resources', 'images', 'labels', 'patches', 'components', 'replicas', 'configMapGenerator', 'generatorOptions']);

type Json = any;
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [key: string]: Json };
  [key: string]: Json;
}
interface Manifest {
  /** Relative to the deploy dir, with forward slashes. */
  file: string;
  object: K8sObject;
}
interface Kustomization {
  file: string;
  dir: string;
  body: Json;
}
interface Tree {
  root: string;
  manifests: Manifest[];
  kustomizations: Kustomization[];
}
interface ContainerRef {
  manifest: Manifest;
  podSpec: Json;
  container: Json;
  where: string;
}

const label = (manifest: Manifest) => `${manifest.file} ${manifest.object.kind}/${manifest.object.metadata?.name ?? '?'}`;
const isPlainObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------------------------
// Loading

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

function loadTree(root: string, problems: string[]): Tree {
  const tree: Tree = { root, manifests: [], kustomizations: [] };
  for (const full of yamlFiles(root)) {
    const file = path.relative(root, full).split(path.sep).join('/');
    const documents = parseAllDocuments(readFileSync(full, 'utf8'), { uniqueKeys: true });
    for (const document of documents) {
      for (const issue of [...document.errors, ...document.warnings]) problems.push(`${file}: YAML: ${issue.message.split('\n')[0]}`);
      if (document.errors.length > 0) continue;
      const value = document.toJS();
      if (value === null || value === undefined) continue;
      if (!isPlainObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
        problems.push(`${file}: a document without apiVersion and kind`);
        continue;
      }
      if (path.basename(file) === 'kustomization.yaml' || path.basename(file) === 'kustomization.yml') {
        tree.kustomizations.push({ file, dir: path.dirname(full), body: value });
      } else {
        tree.manifests.push({ file, object: value as K8sObject });
      }
    }
  }
  if (tree.manifests.length === 0) problems.push('no Kubernetes manifests found under deploy/');
  return tree;
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas: kubernetes-models' validate(), then unknown fields through its TypeScript types

const modulePath = (object: K8sObject) => `${MODELS_PACKAGE}/${object.apiVersion}/${object.kind}`;

function loadModel(object: K8sObject): (new (data: Json) => { validate(): void }) | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(object.apiVersion) || !/^[A-Z][A-Za-z0-9]+$/.test(object.kind)) return undefined;
  try {
    return jest.requireActual<Record<string, Json>>(modulePath(object))[object.kind];
  } catch {
    return undefined;
  }
}

interface TypeChecker {
  checker: ts.TypeChecker;
  rootTypes: Map<string, ts.Type>;
}
const typeCheckers = new Map<string, TypeChecker>();

/** A program over a virtual file that declares one variable per kind; its checker walks the kinds' types. */
function typeCheckerFor(objects: K8sObject[]): TypeChecker {
  const modules = [...new Set(objects.map(modulePath))].sort();
  const key = modules.join(' ');
  const cached = typeCheckers.get(key);
  if (cached) return cached;
  const virtualFile = path.join(ROOT, 'tools/deploy/__deploy_manifest_types__.ts');
  const source = modules
    .map((specifier, index) => `import type { I${specifier.split('/').pop()} as T${index} } from '${specifier}';\nexport declare const v${index}: T${index};`)
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => (fileName === virtualFile ? ts.createSourceFile(fileName, source, languageVersion, true) : readSource(fileName, languageVersion, ...rest));
  host.fileExists = (fileName) => fileName === virtualFile || fileExists(fileName);
  const program = ts.createProgram([virtualFile], options, host);
  const sourceFile = program.getSourceFile(virtualFile)!;
  const unresolved = ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  if (unresolved.length > 0) throw new Error(`The types of ${MODELS_PACKAGE} did not load: ${unresolved.join('; ')}`);
  const checker = program.getTypeChecker();
  const rootTypes = new Map<string, ts.Type>();
  let index = 0;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    rootTypes.set(modules[index++], checker.getTypeAtLocation(statement.declarationList.declarations[0].name));
  }
  const result = { checker, rootTypes };
  typeCheckers.set(key, result);
  return result;
}

function unknownFields(value: Json, type: ts.Type, at: string, checker: ts.TypeChecker, found: string[]): void {
  if (value === null || typeof value !== 'object') return;
  const nonNullable = checker.getNonNullableType(type);
  if (Array.isArray(value)) {
    const element = checker.getIndexTypeOfType(nonNullable, ts.IndexKind.Number);
    if (element) value.forEach((item, index) => unknownFields(item, element, `${at}[${index}]`, checker, found));
    return;
  }
  const candidates = (nonNullable.isUnion() ? nonNullable.types : [nonNullable]).filter((member) => (member.flags & ts.TypeFlags.Object) !== 0 || member.isIntersection());
  // A primitive where an object was given (e.g. a Quantity): the schema check reports that.
  if (candidates.length === 0) return;
  for (const [key, child] of Object.entries(value)) {
    let childType: ts.Type | undefined;
    for (const candidate of candidates) {
      const property = checker.getPropertyOfType(candidate, key);
      childType = property ? checker.getTypeOfSymbol(property) : checker.getIndexTypeOfType(candidate, ts.IndexKind.String);
      if (childType) break;
    }
    if (childType) unknownFields(child, childType, `${at}.${key}`, checker, found);
    else found.push(`${at}.${key}`);
  }
}

function checkSchemas(tree: Tree, problems: string[]): void {
  const known: Manifest[] = [];
  for (const manifest of tree.manifests) {
    const Model = loadModel(manifest.object);
    if (!Model) {
      problems.push(`${label(manifest)}: ${manifest.object.apiVersion} ${manifest.object.kind} is not a Kubernetes 1.33 kind`);
      continue;
    }
    known.push(manifest);
    try {
      new Model(manifest.object).validate();
    } catch (error) {
      problems.push(`${label(manifest)}: schema: ${(error as Error).message}`);
    }
  }
  if (known.length === 0) return;
  const { checker, rootTypes } = typeCheckerFor(known.map((manifest) => manifest.object));
  for (const manifest of known) {
    const found: string[] = [];
    unknownFields(manifest.object, rootTypes.get(modulePath(manifest.object))!, '', checker, found);
    for (const field of found) problems.push(`${label(manifest)}: unknown field ${field.slice(1)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Kustomize

interface ImageOverride {
  newName?: string;
  newTag?: string;
  digest?: string;
}

function checkKustomizations(tree: Tree, problems: string[]): Map<string, Kustomization> {
  const owner = new Map<string, Kustomization>();
  const imageSettings = new Map<string, { file: string; setting: string }>();
  if (tree.kustomizations.length === 0) problems.push('no kustomization.yaml under deploy/');
  for (const kustomization of tree.kustomizations) {
    const { file, body } = kustomization;
    if (body.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || body.kind !== 'Kustomization') problems.push(`${file}: must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
    for (const key of Object.keys(body)) {
      if (key === 'namespace') problems.push(`${file}: sets a namespace; the manifests are namespace-agnostic (set it in an overlay or with -n)`);
      else if (!KUSTOMIZATION_KEYS.has(key)) problems.push(`${file}: unknown or unsupported key "${key}"`);
    }
    const resources: Json[] = Array.isArray(body.resources) ? body.resources : [];
    if (resources.length === 0) problems.push(`${file}: lists no resources`);
    for (const resource of resources) {
      if (typeof resource !== 'string') {
        problems.push(`${file}: resource ${JSON.stringify(resource)} is not a path`);
        continue;
      }
      const full = path.resolve(kustomization.dir, resource);
      const relative = path.relative(tree.root, full).split(path.sep).join('/');
      if (!existsSync(full)) problems.push(`${file}: resource ${resource} does not exist`);
      else if (statSync(full).isDirectory()) {
        if (!existsSync(path.join(full, 'kustomization.yaml'))) problems.push(`${file}: resource ${resource} is a directory without kustomization.yaml`);
      } else {
        owner.set(relative, kustomization);
        const listed = tree.manifests.filter((manifest) => manifest.file === relative);
        if (listed.some((manifest) => manifest.object.kind === 'Secret' && (manifest.object.data || manifest.object.stringData))) {
          problems.push(`${file}: applies ${resource}, a Secret with values: secrets are created outside the repository (see secret.example.yaml)`);
        }
      }
    }
    for (const image of Array.isArray(body.images) ? body.images : []) {
      if (!isPlainObject(image) || typeof image.name !== 'string') {
        problems.push(`${file}: an images entry without a name`);
        continue;
      }
      if (!image.digest && (!image.newTag || String(image.newTag) === 'latest')) problems.push(`${file}: image ${image.name} must pin newTag (not latest) or a digest`);
      const setting = `${image.newName ?? image.name}:${image.newTag ?? ''}@${image.digest ?? ''}`;
      const earlier = imageSettings.get(image.name);
      if (earlier && earlier.setting !== setting) problems.push(`${file}: image ${image.name} is set to ${setting}, but ${earlier.file} sets ${earlier.setting}: every kustomization must deploy the same release`);
      else imageSettings.set(image.name, { file, setting });
    }
  }
  for (const file of new Set(tree.manifests.map((manifest) => manifest.file))) {
    if (!/\.example\.ya?ml$/.test(file) && !owner.has(file)) problems.push(`${file}: not listed in any kustomization.yaml (name it *.example.yaml if it is a template)`);
  }
  return owner;
}

function imageOverride(manifest: Manifest, owner: Map<string, Kustomization>, name: string): ImageOverride | undefined {
  const images: Json[] = owner.get(manifest.file)?.body.images ?? [];
  return images.find((image) => isPlainObject(image) && image.name === name);
}

function parseImage(reference: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = reference.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, digest };
}

// ---------------------------------------------------------------------------------------------------------------
// app-config.ts: the variables it reads and the secrets it requires in production

interface AppConfigFacts {
  keys: Set<string>;
  productionSecrets: string[];
  loadConfig: (env: Record<string, string>) => { role: string };
}

function readAppConfig(problems: string[]): AppConfigFacts | undefined {
  const source = ts.createSourceFile(APP_CONFIG_FILE, readFileSync(APP_CONFIG_FILE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const keys = new Set<string>();
  let productionSecrets: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      if (node.name.text === 'envSchema' && ts.isCallExpression(node.initializer) && node.initializer.arguments[0] && ts.isObjectLiteralExpression(node.initializer.arguments[0])) {
        for (const property of node.initializer.arguments[0].properties) {
          if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) keys.add(property.name.text);
        }
      }
      if (node.name.text === 'missingSecrets') {
        const literals: string[] = [];
        const collect = (child: ts.Node): void => {
          if (ts.isStringLiteral(child)) literals.push(child.text);
          ts.forEachChild(child, collect);
        };
        collect(node.initializer);
        productionSecrets = literals;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (keys.size === 0) problems.push('apps/api/src/platform/config/app-config.ts: no `envSchema = z.object({...})` found: update tools/deploy/manifests.spec.ts');
  productionSecrets = productionSecrets.filter((name) => keys.has(name));
  if (productionSecrets.length === 0) problems.push('apps/api/src/platform/config/app-config.ts: no `missingSecrets` list found: update tools/deploy/manifests.spec.ts');
  if (problems.length > 0) return undefined;
  const { loadConfig } = jest.requireActual<{ loadConfig: AppConfigFacts['loadConfig'] }>(APP_CONFIG_FILE);
  return { keys, productionSecrets, loadConfig };
}

/** A value each secret accepts, to see whether the rest of the configuration boots. */
function sampleSecret(name: string): string {
  const samples: Record<string, string> = {
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(24).toString('base64'),
    DATABASE_URL: 'postgres://switchboard:password@db.internal:5432/switchboard',
    REDIS_URL: 'rediss://:password@redis.internal:6380',
    SMTP_URL: 'smtps://user:password@mail.internal:465',
  };
  return samples[name] ?? 'sample-secret-value';
}

function tryLoad(facts: AppConfigFacts, env: Record<string, string>): { role: string } | Error {
  try {
    return facts.loadConfig(env);
  } catch (error) {
    return error as Error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Workloads

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

function podSpecOf(object: K8sObject): Json | undefined {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template?.spec;
  if (POD_TEMPLATE_KINDS.has(object.kind)) return object.spec?.template?.spec;
  return undefined;
}

function containersOf(tree: Tree): ContainerRef[] {
  return tree.manifests.flatMap((manifest) => {
    const podSpec = podSpecOf(manifest.object);
    if (!podSpec) return [];
    return (['initContainers', 'containers'] as const).flatMap((field) =>
      (Array.isArray(podSpec[field]) ? podSpec[field] : []).map((container: Json) => ({ manifest, podSpec, container, where: `${label(manifest)} container ${container?.name ?? '?'}` })),
    );
  });
}

function quantity(value: Json, kind: 'cpu' | 'memory'): number | undefined {
  const text = String(value);
  if (kind === 'cpu') {
    const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
    return match ? Number(match[1]) / (match[2] ? 1000 : 1) : undefined;
  }
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text);
  if (!match) return undefined;
  const factor: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(match[1]) * factor[match[2] ?? ''];
}

const envValue = (container: Json, name: string): string | undefined => (Array.isArray(container.env) ? container.env : []).find((entry: Json) => entry?.name === name)?.value;
const roleOf = (container: Json) => envValue(container, 'API_ROLE');
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

function probePort(container: Json, port: Json): number | undefined {
  const ports: Json[] = Array.isArray(container.ports) ? container.ports : [];
  const entry = typeof port === 'number' ? ports.find((candidate) => Number(candidate.containerPort) === port) : ports.find((candidate) => candidate.name === port);
  return entry ? Number(entry.containerPort) : undefined;
}

function preStopSeconds(container: Json): number | undefined {
  const preStop = container.lifecycle?.preStop;
  if (!preStop) return undefined;
  if (preStop.sleep?.seconds !== undefined) return Number(preStop.sleep.seconds);
  const command: Json[] = preStop.exec?.command ?? [];
  const sleep = command.findIndex((part) => /(^|\/)sleep$/.test(String(part)));
  return sleep >= 0 ? Number(command[sleep + 1]) : 0;
}

function checkWorkloads(tree: Tree, owner: Map<string, Kustomization>, facts: AppConfigFacts | undefined, problems: string[]): void {
  const configMaps = tree.manifests.filter((manifest) => manifest.object.kind === 'ConfigMap');
  const secrets = tree.manifests.filter((manifest) => manifest.object.kind === 'Secret');
  const secretKeys = (secret: Manifest) => [...Object.keys(secret.object.stringData ?? {}), ...Object.keys(secret.object.data ?? {})];
  const findConfigMap = (name: string) => configMaps.find((manifest) => manifest.object.metadata?.name === name);
  const findSecret = (name: string) => secrets.find((manifest) => manifest.object.metadata?.name === name);

  // The ConfigMaps and Secret templates: only variables the api reads, secrets only in Secrets.
  const sensitive = new Set([...(facts?.productionSecrets ?? []), ...DEPLOYMENT_SECRETS, ...OPTIONAL_SECRETS]);
  for (const manifest of [...configMaps, ...secrets]) {
    const keys = manifest.object.kind === 'Secret' ? secretKeys(manifest) : Object.keys(manifest.object.data ?? {});
    for (const key of keys) {
      if (facts && !facts.keys.has(key)) problems.push(`${label(manifest)}: ${key} is not a variable of app-config.ts`);
      if (key === 'API_ROLE') problems.push(`${label(manifest)}: API_ROLE belongs to each Deployment, not to shared configuration`);
      if (manifest.object.kind === 'ConfigMap' && sensitive.has(key)) problems.push(`${label(manifest)}: ${key} is a secret: move it to the Secret`);
    }
  }

  const containers = containersOf(tree);
  if (containers.length === 0) problems.push('no workloads found');
  const appImages = new Map<string, string>();
  for (const { manifest, podSpec, container, where } of containers) {
    const object = manifest.object;
    // Resources
    for (const kind of ['cpu', 'memory'] as const) {
      const request = container.resources?.requests?.[kind];
      const limit = container.resources?.limits?.[kind];
      if (request === undefined) problems.push(`${where}: no resources.requests.${kind}`);
      if (limit === undefined) problems.push(`${where}: no resources.limits.${kind}`);
      if (request !== undefined && limit !== undefined) {
        const [requested, limited] = [quantity(request, kind), quantity(limit, kind)];
        if (requested === undefined || limited === undefined) problems.push(`${where}: unreadable ${kind} quantity (${request} / ${limit})`);
        else if (requested > limited) problems.push(`${where}: requests.${kind} ${request} is above limits.${kind} ${limit}`);
      }
    }
    // Security
    if (container.securityContext?.runAsNonRoot !== true && podSpec.securityContext?.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not set`);
    if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    const tmpMount = (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).find((mount: Json) => mount?.mountPath === '/tmp');
    const tmpVolume = tmpMount && (Array.isArray(podSpec.volumes) ? podSpec.volumes : []).find((volume: Json) => volume?.name === tmpMount.name);
    if (!tmpVolume?.emptyDir) problems.push(`${where}: /tmp is not an emptyDir volume (the root filesystem is read-only)`);
    // Image
    if (typeof container.image !== 'string' || container.image === '') problems.push(`${where}: no image`);
    else {
      const image = parseImage(container.image);
      const override = imageOverride(manifest, owner, image.name);
      const pinned = !!image.digest || (!!image.tag && image.tag !== 'latest');
      const overridden = !!override && (!!override.digest || (!!override.newTag && String(override.newTag) !== 'latest'));
      if (!pinned && !overridden) problems.push(`${where}: image ${container.image} is not pinned (no tag, or :latest) and no kustomization images entry pins it`);
      // Effective image, after kustomize: every container that runs the api (it reads the api's Secret) runs the same one.
      const effective = override ? `${override.newName ?? image.name}:${override.newTag ?? image.tag ?? ''}@${override.digest ?? image.digest ?? ''}` : container.image;
      const envFrom: Json[] = Array.isArray(container.envFrom) ? container.envFrom : [];
      if (envFrom.some((source) => source?.secretRef)) appImages.set(where, effective);
    }
    // Environment: only app-config.ts variables, every referenced ConfigMap/Secret (and key) exists.
    const env: Record<string, string> = {};
    let unresolved = false;
    for (const source of Array.isArray(container.envFrom) ? container.envFrom : []) {
      if (source?.configMapRef) {
        const configMap = findConfigMap(source.configMapRef.name);
        if (!configMap) problems.push(`${where}: envFrom ConfigMap ${source.configMapRef.name} is not defined under deploy/`);
        else Object.assign(env, configMap.object.data ?? {});
      } else if (source?.secretRef) {
        const secret = findSecret(source.secretRef.name);
        if (!secret) problems.push(`${where}: envFrom Secret ${source.secretRef.name} has no template under deploy/`);
        else for (const key of secretKeys(secret)) env[key] = sampleSecret(key);
      } else {
        problems.push(`${where}: envFrom other than configMapRef/secretRef`);
        unresolved = true;
      }
      if (source?.prefix) problems.push(`${where}: envFrom prefix renames the api's variables`);
    }
    for (const entry of Array.isArray(container.env) ? container.env : []) {
      if (facts && !facts.keys.has(entry?.name)) problems.push(`${where}: env ${entry?.name} is not a variable of app-config.ts`);
      if (entry?.value !== undefined) env[entry.name] = String(entry.value);
      else if (entry?.valueFrom?.configMapKeyRef || entry?.valueFrom?.secretKeyRef) {
        const ref = entry.valueFrom.configMapKeyRef ?? entry.valueFrom.secretKeyRef;
        const target = entry.valueFrom.configMapKeyRef ? findConfigMap(ref.name) : findSecret(ref.name);
        const keys = target ? (target.object.kind === 'Secret' ? secretKeys(target) : Object.keys(target.object.data ?? {})) : [];
        if (!keys.includes(ref.key)) problems.push(`${where}: env ${entry.name} refers to ${ref.name}/${ref.key}, which is not defined under deploy/`);
        env[entry.name] = entry.valueFrom.secretKeyRef ? sampleSecret(ref.key) : (target?.object.data?.[ref.key] ?? '');
      } else unresolved = true;
    }
    // The role and its probes.
    const role = roleOf(container);
    const isAppContainer = Object.keys(env).length > 0;
    if (object.kind === 'Deployment' && isAppContainer && !role) problems.push(`${where}: API_ROLE is not set`);
    if (role === 'http' || role === 'all') {
      const probes = { readinessProbe: '/readyz', livenessProbe: '/healthz', startupProbe: '/healthz' } as const;
      for (const [probe, expected] of Object.entries(probes)) {
        const httpGet = container[probe]?.httpGet;
        if (!httpGet) problems.push(`${where}: no ${probe} (httpGet ${expected})`);
        else {
          if (httpGet.path !== expected) problems.push(`${where}: ${probe} asks ${httpGet.path}, must be ${expected}`);
          const port = probePort(container, httpGet.port);
          const listens = Number(env.PORT ?? 3000);
          if (port === undefined) problems.push(`${where}: ${probe} port ${httpGet.port} is not a containerPort`);
          else if (port !== listens) problems.push(`${where}: ${probe} asks port ${port}, the api listens on PORT ${listens}`);
        }
      }
      const sleep = preStopSeconds(container);
      const grace = podSpec.terminationGracePeriodSeconds ?? 30;
      if (sleep === undefined) problems.push(`${where}: no preStop hook: in-flight webhooks need the endpoint removed before SIGTERM`);
      else if (grace <= sleep) problems.push(`${where}: terminationGracePeriodSeconds ${grace} leaves no time after the ${sleep} s preStop`);
    } else if (role === 'worker') {
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const handler = container[probe];
        if (handler && !handler.exec) problems.push(`${where}: ${probe} needs a listener, and the worker role serves no HTTP (use exec, or none)`);
      }
    } else if (role !== undefined) problems.push(`${where}: API_ROLE ${role} is not http, worker or all`);
    // The api's own configuration check, on what the manifests give it.
    if (facts && isAppContainer && !unresolved) {
      const loaded = tryLoad(facts, { NODE_ENV: 'production', ...env });
      if (loaded instanceof Error) problems.push(`${where}: the api would not start: ${loaded.message}`);
      else if (role && loaded.role !== role) problems.push(`${where}: the api reads role ${loaded.role}, API_ROLE says ${role}`);
    }
  }
  const distinctImages = new Set(appImages.values());
  if (distinctImages.size > 1) problems.push(`the workloads run different images after kustomize (${[...appImages].map(([where, image]) => `${where}: ${image}`).join('; ')}): the migration Job must run the release that rolls out`);

  // The Secret template: every secret the api requires in production, and the deployment's credentials.
  const templates = secrets.filter((manifest) => /\.example\.ya?ml$/.test(manifest.file));
  if (templates.length === 0) problems.push('no Secret template (*.example.yaml) under deploy/');
  for (const template of templates) {
    const keys = secretKeys(template);
    for (const name of [...(facts?.productionSecrets ?? []), ...DEPLOYMENT_SECRETS]) {
      if (!keys.includes(name)) problems.push(`${label(template)}: ${name} is missing (required in production)`);
    }
    // Its placeholders must not boot: a forgotten template stops at "Invalid configuration" instead of running.
    if (facts) {
      const configMapData = Object.assign({}, ...configMaps.map((configMap) => configMap.object.data ?? {}));
      const asShipped = { NODE_ENV: 'production', ...configMapData, ...template.object.stringData };
      if (!(tryLoad(facts, asShipped) instanceof Error)) problems.push(`${label(template)}: its placeholder values would boot the api: make them invalid (e.g. "REPLACE ME")`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Wiring: Deployments, Services, Ingress, autoscalers, disruption budgets; no namespaces

function checkWiring(tree: Tree, problems: string[]): void {
  const byKind = (kind: string) => tree.manifests.filter((manifest) => manifest.object.kind === kind);
  const deployments = byKind('Deployment');
  const services = byKind('Service');
  const podLabels = (deployment: Manifest) => deployment.object.spec?.template?.metadata?.labels;
  const deploymentRole = (deployment: Manifest) => (podSpecOf(deployment.object)?.containers ?? []).map(roleOf).find(Boolean);

  const seen = new Set<string>();
  for (const manifest of tree.manifests) {
    const id = `${manifest.object.kind}/${manifest.object.metadata?.name}`;
    if (seen.has(id)) problems.push(`${label(manifest)}: defined twice`);
    seen.add(id);
    if (manifest.object.metadata?.namespace) problems.push(`${label(manifest)}: sets metadata.namespace; the manifests are namespace-agnostic`);
  }

  for (const deployment of deployments) {
    const selector = deployment.object.spec?.selector?.matchLabels;
    if (!selects(selector, podLabels(deployment))) problems.push(`${label(deployment)}: spec.selector does not match the pod template's labels`);
    const others = deployments.filter((other) => other !== deployment && selects(selector, podLabels(other)));
    if (others.length > 0) problems.push(`${label(deployment)}: its selector also matches the pods of ${others.map(label).join(', ')}`);
  }

  for (const service of services) {
    const targets = deployments.filter((deployment) => selects(service.object.spec?.selector, podLabels(deployment)));
    if (targets.length !== 1) problems.push(`${label(service)}: selects ${targets.length} Deployments, expected one`);
    for (const target of targets) {
      if (deploymentRole(target) === 'worker') problems.push(`${label(service)}: selects ${label(target)}, whose role serves no HTTP`);
      const containers: Json[] = podSpecOf(target.object)?.containers ?? [];
      for (const port of service.object.spec?.ports ?? []) {
        if (!containers.some((container) => probePort(container, port.targetPort ?? port.port) !== undefined)) problems.push(`${label(service)}: targetPort ${port.targetPort} is not a port of ${label(target)}`);
      }
    }
  }

  const publicUrl = tree.manifests.find((manifest) => manifest.object.kind === 'ConfigMap' && manifest.object.data?.PUBLIC_URL)?.object.data.PUBLIC_URL;
  const ingresses = byKind('Ingress');
  if (deployments.some((deployment) => ['http', 'all'].includes(deploymentRole(deployment) ?? '')) && !publicUrl) problems.push('no ConfigMap sets PUBLIC_URL (its default, http://localhost:3000, is wrong in a cluster)');
  for (const ingress of ingresses) {
    const rules: Json[] = ingress.object.spec?.rules ?? [];
    let host: string | undefined;
    try {
      host = publicUrl ? new URL(publicUrl).hostname : undefined;
    } catch {
      problems.push(`PUBLIC_URL ${publicUrl} is not a URL`);
    }
    if (host && !rules.some((rule) => rule.host === host)) problems.push(`${label(ingress)}: no rule for ${host}, the host of PUBLIC_URL (${publicUrl})`);
    if (host && publicUrl?.startsWith('https:') && !(ingress.object.spec?.tls ?? []).some((tls: Json) => (tls.hosts ?? []).includes(host))) problems.push(`${label(ingress)}: PUBLIC_URL is https but no tls entry covers ${host}`);
    const paths = rules.flatMap((rule) => rule.http?.paths ?? []);
    if (!paths.some((entry) => entry.path === WEBHOOK_PATH)) problems.push(`${label(ingress)}: no path ${WEBHOOK_PATH} (Zoom's event notification endpoint)`);
    for (const entry of paths) {
      const backend = entry.backend?.service;
      const service = services.find((candidate) => candidate.object.metadata?.name === backend?.name);
      if (!service) problems.push(`${label(ingress)}: path ${entry.path} goes to Service ${backend?.name}, which is not defined`);
      else if (!(service.object.spec?.ports ?? []).some((port: Json) => port.name === backend.port?.name || port.port === backend.port?.number)) problems.push(`${label(ingress)}: path ${entry.path} goes to a port ${JSON.stringify(backend.port)} that ${label(service)} does not have`);
    }
  }

  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = hpa.object.spec?.scaleTargetRef;
    const deployment = deployments.find((candidate) => target?.kind === 'Deployment' && candidate.object.metadata?.name === target.name);
    if (!deployment) problems.push(`${label(hpa)}: scaleTargetRef ${target?.kind}/${target?.name} is not defined`);
    else if (deployment.object.spec?.replicas !== undefined) problems.push(`${label(deployment)}: sets spec.replicas while ${label(hpa)} owns it (every apply would reset the autoscaler's choice)`);
    if (!(hpa.object.spec?.metrics ?? []).some((metric: Json) => metric.type === 'Resource' && metric.resource?.name === 'cpu')) problems.push(`${label(hpa)}: no CPU metric`);
  }
  for (const deployment of deployments) {
    if (!byKind('HorizontalPodAutoscaler').some((hpa) => hpa.object.spec?.scaleTargetRef?.name === deployment.object.metadata?.name)) problems.push(`${label(deployment)}: no HorizontalPodAutoscaler`);
    if (!byKind('PodDisruptionBudget').some((pdb) => selects(pdb.object.spec?.selector?.matchLabels, podLabels(deployment)))) problems.push(`${label(deployment)}: no PodDisruptionBudget`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    const targets = deployments.filter((deployment) => selects(pdb.object.spec?.selector?.matchLabels, podLabels(deployment)));
    if (targets.length !== 1) problems.push(`${label(pdb)}: selects the pods of ${targets.length} Deployments, expected one`);
  }
  for (const job of byKind('Job')) {
    const command = (podSpecOf(job.object)?.containers ?? []).flatMap((container: Json) => [...(container.command ?? []), ...(container.args ?? [])]).join(' ');
    if (!/cli\.js migrate$/.test(command)) problems.push(`${label(job)}: does not run the migration CLI (cli.js migrate)`);
  }
  for (const role of ['http', 'worker']) {
    if (!deployments.some((deployment) => deploymentRole(deployment) === role)) problems.push(`no Deployment with API_ROLE=${role}`);
  }
  if (!byKind('Job').length) problems.push('no migration Job');
}

// ---------------------------------------------------------------------------------------------------------------

function checkDeployTree(root: string): string[] {
  const problems: string[] = [];
  const tree = loadTree(root, problems);
  checkSchemas(tree, problems);
  const owner = checkKustomizations(tree, problems);
  const configProblems: string[] = [];
  const facts = readAppConfig(configProblems);
  problems.push(...configProblems);
  checkWorkloads(tree, owner, facts, problems);
  checkWiring(tree, problems);
  return problems;
}

describe('deploy/ Kubernetes manifests', () => {
  it('are valid Kubernetes 1.33 objects and follow the project rules', () => {
    expect(checkDeployTree(DEPLOY_DIR)).toEqual([]);
  });

  it('are read whole: every object kind and both roles are there', () => {
    const problems: string[] = [];
    const tree = loadTree(DEPLOY_DIR, problems);
    const kinds = tree.manifests.map((manifest) => `${manifest.object.kind}/${manifest.object.metadata?.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ConfigMap/switchboard-config',
        'Deployment/switchboard-http',
        'Deployment/switchboard-worker',
        'HorizontalPodAutoscaler/switchboard-http',
        'HorizontalPodAutoscaler/switchboard-worker',
        'Ingress/switchboard',
        'Job/switchboard-migrate',
        'PodDisruptionBudget/switchboard-http',
        'PodDisruptionBudget/switchboard-worker',
        'Secret/switchboard-secrets',
        'Service/switchboard-http',
      ]),
    );
    expect(problems).toEqual([]);
  });

  describe('fail when a manifest is broken', () => {
    let scratch: string;
    beforeEach(() => {
      scratch = mkdtempSync(path.join(tmpdir(), 'deploy-manifests-'));
      cpSync(DEPLOY_DIR, path.join(scratch, 'deploy'), { recursive: true });
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    /** Replaces `from` (which must be in the file) in a copy of the manifests, and checks the copy. */
    const breakCopy = (file: string, from: string | RegExp, to: string): string[] => {
      const full = path.join(scratch, 'deploy', file);
      const text = readFileSync(full, 'utf8');
      const broken = text.replace(from, to);
      if (broken === text) throw new Error(`${file} no longer contains ${from}: update this case`);
      writeFileSync(full, broken);
      return checkDeployTree(path.join(scratch, 'deploy'));
    };

    it.each<[string, string, string | RegExp, string, RegExp]>([
      ['a YAML syntax error', 'kubernetes/pdb.yaml', 'maxUnavailable: 1', 'maxUnavailable: [1', /pdb\.yaml: YAML: /],
      ['a duplicate key', 'kubernetes/http-service.yaml', '  type: ClusterIP', '  type: ClusterIP\n  type: NodePort', /http-service\.yaml: YAML: .*unique/i],
      ['a wrong type (schema)', 'kubernetes/http-deployment.yaml', 'containerPort: 3000', 'containerPort: "3000"', /Deployment\/switchboard-http: schema: .*containerPort must be integer/],
      ['a misspelt field', 'kubernetes/worker-deployment.yaml', 'revisionHistoryLimit: 5', 'revisionHistoryLimits: 5', /Deployment\/switchboard-worker: unknown field spec\.revisionHistoryLimits/],
      ['a misspelt field deep in a container', 'kubernetes/http-deployment.yaml', 'failureThreshold: 60', 'failureTreshold: 60', /unknown field spec\.template\.spec\.containers\[0\]\.startupProbe\.failureTreshold/],
      ['a kind this Kubernetes does not have', 'kubernetes/pdb.yaml', 'apiVersion: policy/v1\n', 'apiVersion: policy/v2\n', /policy\/v2 PodDisruptionBudget is not a Kubernetes 1\.33 kind/],
      ['a container without limits', 'kubernetes/worker-deployment.yaml', /            limits:\n              cpu: "1"\n              memory: 768Mi\n/, '', /container worker: no resources\.limits\.cpu/],
      ['a readiness probe on the wrong path', 'kubernetes/http-deployment.yaml', 'path: /readyz', 'path: /healthz', /readinessProbe asks \/healthz, must be \/readyz/],
      ['an HTTP probe on the worker', 'kubernetes/worker-deployment.yaml', '          securityContext:\n', '          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 3000\n          securityContext:\n', /livenessProbe needs a listener/],
      ['a Deployment without API_ROLE', 'kubernetes/worker-deployment.yaml', /          env:\n            - name: API_ROLE\n              value: worker\n/, '', /switchboard-worker container worker: API_ROLE is not set/],
      ['a variable app-config.ts does not read', 'kubernetes/configmap.yaml', '  LOG_LEVEL: info', '  LOG_LEVEL: info\n  LOG_LEVL: debug', /LOG_LEVL is not a variable of app-config\.ts/],
      ['a value the api refuses', 'kubernetes/configmap.yaml', '  LOG_LEVEL: info', '  LOG_LEVEL: verbose', /the api would not start: Invalid configuration: LOG_LEVEL/],
      ['a required secret missing from the template', 'kubernetes/secret.example.yaml', /  SESSION_SECRET: .*\n/, '', /SESSION_SECRET is missing \(required in production\)/],
      ['a secret in the ConfigMap', 'kubernetes/configmap.yaml', '  LOG_LEVEL: info', '  LOG_LEVEL: info\n  ZOOM_CLIENT_SECRET: abc', /ZOOM_CLIENT_SECRET is a secret: move it to the Secret/],
      ['an unpinned image', 'kubernetes/worker-deployment.yaml', 'image: switchboard:0.1.0', 'image: ghcr.io/acme/switchboard:latest', /image ghcr\.io\/acme\/switchboard:latest is not pinned/],
      ['kustomizations on different releases', 'kubernetes/migrate/kustomization.yaml', 'newTag: "0.1.0"', 'newTag: "0.2.0"', /every kustomization must deploy the same release/],
      ['a namespace', 'kubernetes/http-service.yaml', '  name: switchboard-http\n', '  name: switchboard-http\n  namespace: prod\n', /sets metadata\.namespace/],
      ['a manifest no kustomization lists', 'kubernetes/kustomization.yaml', '  - pdb.yaml\n', '', /pdb\.yaml: not listed in any kustomization\.yaml/],
      ['an Ingress host that is not PUBLIC_URL', 'kubernetes/configmap.yaml', 'PUBLIC_URL: https://switchboard.example.com', 'PUBLIC_URL: https://crm.example.org', /no rule for crm\.example\.org/],
      ['no preStop on the http role', 'kubernetes/http-deployment.yaml', /          lifecycle:\n            preStop:\n              exec:\n                command: \["sleep", "10"\]\n/, '', /no preStop hook/],
      ['a writable root filesystem', 'kubernetes/migrate/job.yaml', 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false', /container migrate: readOnlyRootFilesystem is not true/],
    ])('%s', (_name, file, from, to, expected) => {
      const problems = breakCopy(file, from, to);
      expect(problems.join('\n')).toMatch(expected);
    });
  });
});
