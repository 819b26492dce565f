import { useEffect, useState } from 'react';

/** "Add to calendar": the booking's .ics text as a download, from a Blob URL released when the page moves on. */
export function CalendarFileLink({ calendarFile }: { calendarFile: string }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([calendarFile], { type: 'text/calendar;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [calendarFile]);
  if (!href) return null;
  return (
    <a className="button" href={href} download="meeting.ics" data-testid="booking-add-to-calendar">
      Add to calendar
    </a>
  );
}
