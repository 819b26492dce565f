export { BookingModule } from './booking.module';
