import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity';
import { AuthModule } from '../auth';
import { CrmModule } from '../crm';
import { MeetingsModule } from '../meetings';
import { ZoomModule } from '../zoom';
import { BookingAvailability } from './booking-availability.service';
import { BookingRateLimiter } from './booking-rate-limiter';
import { BookingRepository } from './booking.repository';
import { BookingResolver } from './booking.resolver';
import { BookingService } from './booking.service';
import { BookingSettingsService } from './booking-settings.service';
import { BookingEntity } from './entities/booking.entity';
import { BookingSettingsEntity } from './entities/booking-settings.entity';

/** Public booking links: settings, availability, the public page's API, manage links. */
@Module({})
export class BookingModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: BookingModule,
      imports: [TypeOrmModule.forFeature([BookingSettingsEntity, BookingEntity]), ActivityModule, AuthModule, CrmModule, MeetingsModule, ZoomModule],
      // Every role: a worker handling Zoom's meeting.* events moves or cancels the bookings of those meetings.
      providers: [BookingSettingsService, BookingService, BookingAvailability, BookingRepository, BookingRateLimiter, ...(options.http ? [BookingResolver] : [])],
    };
  }
}
