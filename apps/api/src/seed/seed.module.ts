import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { DemoSeedService } from './demo-seed.service';

/** The demo data (`cli seed`), written through the services the API uses. */
@Module({
  imports: [ActivityModule, AuthModule, CrmModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
