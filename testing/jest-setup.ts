import { stopEverything } from './teardown';

// Runs after the file's own afterAll hooks: stops whatever they did not (a beforeAll that threw half-way).
afterAll(stopEverything);
