// Layer boundaries, enforced by `npm run lint` (DESIGN.md "Layout").
//   common, config, database   shared code and infrastructure
//   platform/                  shared kernel: audit, settings, jobs, alerts, idempotency
//   identity/                  users (own credentials) and auth
//   patients/                  registry, care team, consents, phases; patients/access is the access kernel
//   features                   screening, detox, sessions, support-groups, aftercare, reports: never each other
// Pure domain files (no controller/service/module/job/entity/dto/...) import no framework and no other layer.
const FEATURES = '(screening|detox|sessions|support-groups|aftercare|reports)';
const NEST_FILE = '([.](controller|service|module|job|gate|entity|guard|interceptor|decorator|filter|middleware|strategy|resolvers?)[.]ts$|/(dto|entities)/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Import cycles hide which module owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'features-do-not-import-each-other',
      comment: 'Features use platform, identity, patients and common; they react to each other through events or published views.',
      severity: 'error',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'features-use-only-lower-layers',
      severity: 'error',
      from: { path: `^src/${FEATURES}/` },
      to: { path: '^src/', pathNot: [`^src/$1/`, '^src/(common|config|platform|identity|patients)/'] },
    },
    {
      name: 'lower-layers-do-not-import-features',
      severity: 'error',
      from: { path: '^src/(common|config|database|platform|identity|patients)/' },
      to: { path: `^src/${FEATURES}/` },
    },
    {
      name: 'platform-uses-only-common-and-patient-access',
      comment: 'The kernel sits below identity and patients; alert routes use the patient-access kernel only.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/(common|config|platform)/', '^src/patients/access/', '^src/patients/patients[.]module[.]ts$'] },
    },
    {
      name: 'common-imports-no-layer',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: ['^src/common/', '^src/platform/audit/audited-error[.]ts$'] },
    },
    {
      name: 'pure-domain-imports-no-framework',
      comment: 'Scoring, NEWS2, dose windows, recurrence...: plain functions, no Nest, TypeORM or express.',
      severity: 'error',
      from: { path: `^src/(${FEATURES.slice(1, -1)}|common)/`, pathNot: [NEST_FILE, '^src/common/(auth|http|problem)/'] },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer'], path: '(@nestjs|typeorm|express|class-validator|class-transformer|passport|pg)' },
    },
    {
      name: 'pure-domain-imports-no-layer',
      comment: 'A pure domain file imports only its own feature\'s pure files and common\'s pure helpers.',
      severity: 'error',
      from: { path: `^src/${FEATURES}/`, pathNot: NEST_FILE },
      to: { path: '^src/', pathNot: [`^src/$1/`, '^src/common/', '^src/platform/settings/setting-definition[.]ts$'] },
    },
    {
      name: 'pure-domain-imports-no-nest-file',
      severity: 'error',
      from: { path: `^src/${FEATURES}/`, pathNot: NEST_FILE },
      to: { path: NEST_FILE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]spec[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
