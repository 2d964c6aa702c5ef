// Reads an .ics file with Mozilla's ical.js (as Thunderbird does) and prints what it
// understood as JSON: the calendar's name, and each VEVENT's UID, text, and start and
// end as UTC instants ("2028-07-01T06:00:00Z") or, for whole days, dates ("2016-05-02").
// The times come from the file's own VTIMEZONEs: ical.js knows no zone of its own.
//
//   node tests/icaljs_read.mjs path/to/calendar.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function moment(time) {
  if (time === null) {
    return null;
  }
  if (time.isDate) {
    return time.toString();
  }
  return time.toJSDate().toISOString().replace(".000Z", "Z");
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    start: moment(event.startDate),
    end: moment(event.endDate),
    // The zone each time was read in: "floating" would mean its VTIMEZONE was not found.
    zones: [event.startDate.zone.tzid, event.endDate.zone.tzid],
  };
});
process.stdout.write(
  JSON.stringify({
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    zones: calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid")),
    events,
  }) + "\n",
);
