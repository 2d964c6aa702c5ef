"""Settings for building the site (development: relative URLs, no deletion)."""

AUTHOR = "IFEX"
SITENAME = "IFEX Events"
SITESUBTITLE = "Meetings, workshops and campaigns of the International Freedom of Expression Exchange"
# SITESUBTITLE in the other LANGUAGES (below): a language without one shows the English.
SITESUBTITLES = {
    "fr": "Réunions, ateliers et campagnes de l’Échange international de la liberté d’expression",
    "es": "Reuniones, talleres y campañas del Intercambio Internacional por la Libertad de Expresión",
    "ar": "اجتماعات وورش عمل وحملات الشبكة الدولية لتبادل المعلومات حول حرية التعبير",
}
SITEURL = ""
SITE_DOMAIN = "events.ifex.org"  # calendar UIDs; absolute URLs when SITEURL is relative

PATH = "content"
THEME = "theme"
TIMEZONE = "America/Toronto"  # IFEX's secretariat; events give their own
DEFAULT_LANG = "en"
DATE_LOCALE = "en_GB"
# The site's languages, the default first (content-contract.md, "Translations"): every page
# is also at /fr/…, /es/…, /ar/…, translated or in the original's words until it is.
LANGUAGES = ["en", "fr", "es", "ar"]

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["eventsite"]

# Where content lives (content-contract.md, "Files"). Our plugin reads events/,
# campaigns/ and organizations/; Pelican reads news/ as articles and pages/ as pages.
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["events", "campaigns", "organizations", "people", "images"]
THEME_STATIC_PATHS = []  # the plugin copies theme assets with a content hash in their names
FILENAME_METADATA = ""  # slugs come from file names, dates from front matter
SLUGIFY_SOURCE = "basename"

# URLs (content-contract.md, "URLs")
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
# Translations of news and pages: written by the plugin with their language's site (languages.py)
ARTICLE_LANG_URL = "{lang}/news/{slug}/"
ARTICLE_LANG_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = ["news"]
NEWS_SAVE_AS = "news/index.html"
NEWS_URL = "news/"
PAGINATED_TEMPLATES = {"news": None}
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# No category, tag, author or archive pages: the contract has none.
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Feeds are written by the plugin (feeds/all.atom.xml, feeds/events.atom.xml).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

SUMMARY_MAX_PARAGRAPHS = 1  # a summary defaults to the first paragraph
SUMMARY_MAX_LENGTH = None

# Markdown is read by the plugin with markdown-it-py (CommonMark, tables, footnotes,
# typographic quotes): plugins/eventsite/markup.py. Pelican's MARKDOWN setting is unused.

# auto_reload off: a build reads each template once instead of checking its file for
# every page (the preview turns it back on, for theme changes while it runs).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}

RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
