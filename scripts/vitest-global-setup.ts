// Compiles and bundles the CLI once before the suite, because CLI tests run the shipped build as users do.
// Types are not checked here (`npm run typecheck` and .ci/run do that), so the build is quick.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
