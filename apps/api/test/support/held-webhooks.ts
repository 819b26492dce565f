import type { ZoomSim } from '../../../zoom-sim/testing/zoom-sim-process';
import { eventually } from './eventually';
import type { TestApi } from './test-api';

interface SimDelivery {
  id: string;
  status: string;
  attempts: number;
}

/** Where nothing listens: a delivery there fails at once, as one to an api that is down. */
const UNREACHABLE = 'http://127.0.0.1:9/webhooks/zoom';

/**
 * Runs a simulator scenario whose deliveries all fail (the api unreachable), so that what the softphone tells the api
 * gets there before Zoom's events; `release()` points the simulator back at the api and redelivers them, as Zoom's
 * retries would.
 */
export async function withWebhooksHeld<T extends { deliveryIds: string[] }>(stack: { sim: ZoomSim; api: TestApi }, scenario: () => Promise<T>): Promise<T & { release(): Promise<void> }> {
  await stack.sim.control('POST', '/_sim/config', { webhookUrl: UNREACHABLE });
  const result = await scenario();
  // Every first attempt has failed, so no event of the scenario reaches the api before release.
  await eventually(
    () => stack.sim.control<SimDelivery[]>('GET', '/_sim/deliveries'),
    (deliveries) => result.deliveryIds.every((id) => deliveries.some((delivery) => delivery.id === id && delivery.attempts > 0 && delivery.status !== 'delivered')),
  );
  return {
    ...result,
    async release() {
      await stack.sim.control('POST', '/_sim/config', { webhookUrl: `${stack.api.url}/webhooks/zoom` });
      for (const id of result.deliveryIds) await stack.sim.control('POST', `/_sim/deliveries/${id}/redeliver`);
    },
  };
}
