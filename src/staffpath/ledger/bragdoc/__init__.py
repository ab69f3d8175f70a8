"""Parse a Markdown brag document, as people really write them, into entries and notes.

Structure decisions (documented here because the input is free-form):

* Headings form the section path. Each heading is classified as a *period* (its text is only a
  date: ``## 2024``, ``### Q3``, ``## Week of 2024-03-04``), a *notes* heading (Goals, Things to
  learn, To do, Ideas, ...), a *category* (Mentoring, Incidents, Design docs, ...), a *generic*
  heading (Accomplishments, Wins, Highlights, Projects, ...), the *document title* (the first
  heading, when it is the only level-1 heading and names no date), or otherwise a *project*.
  A heading may carry a date and still be a project: ``### Checkout rewrite (Jan–Mar 2024)``.
* List items (bullets, numbers, checked tasks) are entries; their sub-items at any depth and
  continuation paragraphs become details. An unchecked task (``- [ ]``), at any depth, is a
  "todo" note instead. Everything under a notes heading is a note.
* An item that is only a date (``- **Mon 2024-03-04**``) groups its sub-items: each becomes its
  own entry with that date.
* A paragraph outside a list becomes an entry only when it starts (after an optional date) with
  a past-tense verb ("Shipped ...", "Led ..."); if every line of it does (capitalised, so not a
  wrapped sentence), each line is an entry. Other prose (intros, reflections) is skipped,
  except that a paragraph opening with a notes label ("Things to learn: ...") is a note.
  A paragraph that is wholly bold, wholly a date, or a short label ending in ":" acts as a
  sub-heading for what follows.
* Table rows are entries; the header names the columns (date, what, impact, notes, tags,
  project); other cells become "Header: value" details.
* Dates: the item's leading date, else a weekday prefix ("Mon: ...") inside a dated week,
  else a date in its text, else the nearest dated heading.
  Year-less dates take the year of the nearest dated heading, else ``year:`` from the front
  matter, else the year of ``today``.
* Front matter, HTML comments, code blocks and horizontal rules are ignored.
"""
