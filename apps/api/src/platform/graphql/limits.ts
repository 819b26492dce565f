import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/**
 * What one GraphQL request may ask for (docs/architecture.md, "GraphQL limits"). The web app's biggest query
 * (Unmatched: 100 activities with every timeline field) has depth 5, no aliases and costs 4,501; the limits
 * leave it a wide margin and refuse the amplification shapes: a thousand aliases, cycles nested without end, or
 * pages of pages multiplied past a few tens of thousands of resolved fields.
 */
export const GRAPHQL_LIMITS = {
  /** Nested field levels, fragments flattened: `contacts { edges { node { deals { id } } } }` is 5. */
  maxDepth: 8,
  /** Aliased fields in the whole document: what turns one request into a thousand root queries. */
  maxAliases: 15,
  /** Fields to resolve, each list with a page size counted that many times (graphql-query-complexity). */
  maxCost: 20_000,
  /** Lexical tokens, counted by graphql-js while parsing: bounds the parser's and the validators' work. */
  maxTokens: 2_000,
  maxDirectives: 50,
} as const;

type GraphQLLimit = 'depth' | 'aliases' | 'cost' | 'tokens' | 'directives';

/** Refused before execution, so answered as HTTP 400 (Apollo's default for a hook's error is 500). */
const refusal = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions, http: { status: 400 } } });

/** A refused request: BAD_USER_INPUT (the caller can fix it) with the limit named in the message and `extensions.limit`. */
const limitExceeded = (limit: GraphQLLimit, message: string) => refusal(message, { limit });

/** graphql-js's own words when `maxTokens` stops the parser (sic: "more that"); Apollo files it under GRAPHQL_PARSE_FAILED. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th\w+ (\d+) tokens/;

/**
 * The answer to a request a limit refused, for formatError: BAD_USER_INPUT with `extensions.limit` (Apollo files
 * validation rules' errors under GRAPHQL_VALIDATION_FAILED whatever code they carry); null for any other error.
 */
export function limitRefusal(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (formatted.extensions?.limit) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (!tokens) return null;
  return { message: `Token limit of ${tokens[1]} exceeded: the query document is too long`, extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'tokens' } };
}

/**
 * A field taking `first` returns up to that many rows, each resolving its selection: its children count `first`
 * times (the default page size when left out, at most the largest page, which the resolver enforces itself).
 */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
};
const COST_ESTIMATORS = [pageEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The request's cost with its variables; throws a GraphQLError when the variables do not fit the operation. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string | null): number {
  return getComplexity({ schema, query: document, variables, operationName: operationName ?? undefined, estimators: COST_ESTIMATORS });
}

/** Armor reports in its own words ("Syntax Error: Aliases limit of 15 exceeded, found 1000."): kept, minus the misleading prefix. */
const reportAs = (limit: GraphQLLimit) => ({
  propagateOnRejection: false,
  onReject: [(context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => context?.reportError(limitExceeded(limit, error.message.replace(/^Syntax Error: /, '')))],
});

/**
 * Depth, alias and directive limits from GraphQL Armor; the cost limit from graphql-query-complexity, which reads
 * page sizes from variables as well as from the query text (Armor's cost limit reads literals only, and the web app
 * passes `first` as a variable); the token limit from graphql-js's parser (Armor's throws from a hook, which Apollo
 * answers with a 500). Field suggestions ("Did you mean …") are masked in production, where introspection is off,
 * so that error messages do not spell the schema out either.
 */
export function graphqlLimits(options: { production: boolean }): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; parseOptions: { maxTokens: number } } {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, flattenFragments: true, ...reportAs('depth') },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, ...reportAs('aliases') },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, ...reportAs('directives') },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  return { plugins: [...armor.plugins, costLimitPlugin()], validationRules: armor.validationRules, parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens } };
}

/** Runs once the operation is known and valid, before any resolver: a refused request costs no database work. */
function costLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables, request.operationName);
          } catch (error) {
            // Variables that do not fit the operation (what execution would say too), or fragments that multiply
            // past graphql-query-complexity's node limit.
            const message = (error as Error).message;
            throw /number of nodes/.test(message) ? limitExceeded('cost', message) : refusal(message);
          }
          if (cost > GRAPHQL_LIMITS.maxCost) {
            throw limitExceeded('cost', `Query cost limit of ${GRAPHQL_LIMITS.maxCost} exceeded, found ${cost}: ask for smaller pages, fewer fields or fewer aliases`);
          }
        },
      };
    },
  };
}
