import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth';
import { ContactImportService } from './contact-import.service';
import { ContactMaintenanceResolver } from './contact-maintenance.resolver';
import { ContactsService } from './contacts.service';
import { ContactsResolver, DealsResolver } from './crm.resolver';
import { DealPipelineRepository } from './deal-pipeline.repository';
import { DealStageLabelRepository } from './deal-stage-label.repository';
import { DealStagesResolver } from './deal-stages.resolver';
import { DealStagesService } from './deal-stages.service';
import { DealsService } from './deals.service';
import { ContactPhone } from './entities/contact-phone.entity';
import { Contact } from './entities/contact.entity';
import { DealStageLabel } from './entities/deal-stage-label.entity';
import { Deal } from './entities/deal.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Contact, ContactPhone, Deal, DealStageLabel]), AuthModule],
  providers: [ContactsService, DealsService, ContactsResolver, DealsResolver, ContactImportService, ContactMaintenanceResolver, DealStageLabelRepository, DealPipelineRepository, DealStagesService, DealStagesResolver],
  exports: [ContactsService, DealsService],
})
export class CrmModule {}
