export { SeedModule } from './seed.module';
export { DemoSeedService } from './demo-seed.service';
