"""The plugin's defaults. The URLs are the content contract's and must not change."""

DEFAULTS = {
    "EVENT_URL": "events/{slug}/",
    "EVENT_SAVE_AS": "events/{slug}/index.html",
    "SESSION_URL": "events/{event_slug}/{slug}/",
    "SESSION_SAVE_AS": "events/{event_slug}/{slug}/index.html",
    "CAMPAIGN_URL": "campaigns/{slug}/",
    "CAMPAIGN_SAVE_AS": "campaigns/{slug}/index.html",
    "ORGANIZATION_URL": "organizations/{slug}/",
    "ORGANIZATION_SAVE_AS": "organizations/{slug}/index.html",
    # Used in calendar UIDs and wherever an absolute URL is needed without SITEURL.
    "SITE_DOMAIN": "localhost",
    # The Babel locale for dates and times.
    "DATE_LOCALE": "en_GB",
}
