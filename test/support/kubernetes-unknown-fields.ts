import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Field names the Kubernetes API does not know, which kubernetes-models' validate() lets through: the API's schemas
 * do not forbid unknown properties, so `replcas: 2` or a `readinesProbe` passes it, and the API server drops such a
 * field with at most a warning (or refuses it, with server-side field validation). kubernetes-models publishes no
 * schema object, only compiled validators and TypeScript types generated from the same schemas; so this walks an
 * object beside its kind's public type (kubernetes-kinds.ts), read with the TypeScript compiler API, and reports every
 * key that type has no property for. Maps (labels, annotations, a ConfigMap's data) are index signatures: any key.
 */
const KINDS_FILE = fileURLToPath(new URL('./kubernetes-kinds.ts', import.meta.url));

let compiled: { checker: ts.TypeChecker; kinds: ts.Type } | undefined;

/** The type checker over kubernetes-kinds.ts, built once (about a second). */
function kindTypes(): { checker: ts.TypeChecker; kinds: ts.Type } {
  if (compiled) return compiled;
  const program = ts.createProgram([KINDS_FILE], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  // An import that did not resolve would leave its type `any`, which knows every field: refuse that.
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  if (errors.length > 0) throw new Error(`kubernetes-kinds.ts does not compile: ${errors.join('; ')}`);
  const checker = program.getTypeChecker();
  const exports = checker.getSymbolAtLocation(program.getSourceFile(KINDS_FILE)!)!.exports!;
  compiled = { checker, kinds: checker.getDeclaredTypeOfSymbol(exports.get('ManifestKinds' as ts.__String)!) };
  return compiled;
}

/**
 * Every key of `object` (its paths, as `spec.template.spec.containers[0].readinesProbe`) that the Kubernetes API
 * schema of its kind does not know; throws for a kind that deploy/kubernetes should not hold.
 */
export function unknownFields(object: { apiVersion: string; kind: string }): string[] {
  const { checker, kinds } = kindTypes();
  const kind = kinds.getProperty(`${object.apiVersion} ${object.kind}`);
  if (!kind) throw new Error(`unexpected kind ${object.apiVersion} ${object.kind}`);
  const found: string[] = [];
  walk(checker, object, checker.getTypeOfSymbol(kind), '', found);
  return found;
}

function walk(checker: ts.TypeChecker, value: unknown, declared: ts.Type, path: string, found: string[]): void {
  if (value === null || typeof value !== 'object') return;
  const type = checker.getNonNullableType(declared);
  if (Array.isArray(value)) {
    const array = member(type, (candidate) => checker.isArrayType(candidate));
    // No array type here: a wrong type, which validate() reports.
    if (!array) return;
    const [element] = checker.getTypeArguments(array as ts.TypeReference);
    value.forEach((item, index) => walk(checker, item, element, `${path}[${index}]`, found));
    return;
  }
  const shape = member(type, (candidate) => (candidate.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(candidate));
  if (!shape) return;
  const anyKey = shape.getStringIndexType();
  for (const [key, child] of Object.entries(value)) {
    const field = shape.getProperty(key);
    const at = path ? `${path}.${key}` : key;
    if (field) walk(checker, child, checker.getTypeOfSymbol(field), at, found);
    else if (anyKey) walk(checker, child, anyKey, at, found);
    else found.push(at);
  }
}

/** The one member of a type (itself, or one of a union's) that `test` accepts. */
function member(type: ts.Type, test: (candidate: ts.Type) => boolean): ts.Type | undefined {
  const matching = (type.isUnion() ? type.types : [type]).filter(test);
  return matching.length === 1 ? matching[0] : undefined;
}
