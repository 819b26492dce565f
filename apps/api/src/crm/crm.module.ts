import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth';
import { ContactsService } from './contacts.service';
import { ContactsResolver, DealsResolver } from './crm.resolver';
import { DealsService } from './deals.service';
import { ContactPhone } from './entities/contact-phone.entity';
import { Contact } from './entities/contact.entity';
import { Deal } from './entities/deal.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Contact, ContactPhone, Deal]), AuthModule],
  providers: [ContactsService, DealsService, ContactsResolver, DealsResolver],
  exports: [ContactsService, DealsService],
})
export class CrmModule {}
