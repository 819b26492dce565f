import { useMutation } from '@apollo/client/react';
import { BOOKING_SETTINGS, type BookingSettings, type BookingSettingsInput, UPDATE_BOOKING_SETTINGS } from './queries';

/** Saves some booking settings; the page's copy of them follows (they have no id for the cache to match by). */
export function useUpdateBookingSettings() {
  const [mutate, state] = useMutation<{ updateBookingSettings: BookingSettings }, { input: BookingSettingsInput }>(UPDATE_BOOKING_SETTINGS, {
    update: (cache, { data }) => {
      if (data) cache.writeQuery({ query: BOOKING_SETTINGS, data: { bookingSettings: data.updateBookingSettings } });
    },
  });
  const save = async (input: BookingSettingsInput) => (await mutate({ variables: { input } }).catch(() => null))?.data?.updateBookingSettings ?? null;
  return { save, ...state };
}
