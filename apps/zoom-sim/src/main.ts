import { loadSimConfig, SimConfigError } from './config';
import { createZoomSimulator } from './simulator';

async function main(): Promise<void> {
  const simulator = await createZoomSimulator(loadSimConfig(process.env));
  // Tests and npm start wait for exactly this line.
  console.log(`zoom-sim listening on ${simulator.url}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof SimConfigError ? `zoom-sim: ${error.message}` : error);
  process.exit(1);
});
