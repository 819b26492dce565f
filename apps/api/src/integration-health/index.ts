export { IntegrationHealthModule } from './integration-health.module';
