/// The default theme, embedded so the binary can build a site that has no `templates/`
/// folder and `paragraph init` can write the theme into a new site.
///
/// Each text is identical to the file of the same name in the repository's `templates/`
/// folder; a test compares them, so edit both together.
enum DefaultTheme {
    /// The theme's files, by path relative to the templates folder.
    static let files: [(path: String, contents: String)] = [
        ("alias.mustache", alias),
        ("base.mustache", base),
        ("footer.mustache", footer),
        ("head.mustache", head),
        ("header.mustache", header),
        ("home.mustache", home),
        ("list.mustache", list),
        ("listing.mustache", listing),
        ("page.mustache", page),
        ("summary.mustache", summary),
        ("theme.css", themeCSS),
    ]

    static let alias = #"""
        <!DOCTYPE html>
        <html lang="{{site.language}}">
        <head>
        <meta charset="utf-8">
        <title>Moved to {{target.title}}</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="{{target.canonical_url}}">
        <meta http-equiv="refresh" content="0; url={{target.url}}">
        </head>
        <body>
        <p>This page has moved to <a href="{{target.url}}">{{target.title}}</a>.</p>
        </body>
        </html>

        """#

    static let base = #"""
        <!DOCTYPE html>
        <html lang="{{page.language}}">
        <head>
        {{> head}}
        </head>
        <body>
        {{> header}}
        <main id="main">
        {{$content}}{{/content}}
        </main>
        {{> footer}}
        </body>
        </html>

        """#

    static let footer = #"""
        <footer class="site-footer">
        <div class="wrap">
        <p>{{site.title}} · <a href="{{site.feed_url}}">Atom feed</a> · <a href="{{site.sitemap_url}}">Sitemap</a></p>
        </div>
        </footer>

        """#

    static let head = #"""
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{page.head_title}}</title>
        <meta name="description" content="{{page.description}}">
        {{#page.keywords}}
        <meta name="keywords" content="{{page.keywords}}">
        {{/page.keywords}}
        <link rel="canonical" href="{{page.canonical_url}}">
        <meta property="og:type" content="{{page.og_type}}">
        <meta property="og:site_name" content="{{site.title}}">
        <meta property="og:title" content="{{page.title}}">
        <meta property="og:description" content="{{page.description}}">
        <meta property="og:url" content="{{page.canonical_url}}">
        {{#page.hero}}
        <meta property="og:image" content="{{absolute_url}}">
        {{#alt}}
        <meta property="og:image:alt" content="{{alt}}">
        {{/alt}}
        {{/page.hero}}
        {{#page.published}}
        <meta property="article:published_time" content="{{iso}}">
        {{/page.published}}
        {{#page.modified}}
        <meta property="article:modified_time" content="{{iso}}">
        {{/page.modified}}
        <meta name="twitter:card" content="{{page.twitter_card}}">
        <meta name="twitter:title" content="{{page.title}}">
        <meta name="twitter:description" content="{{page.description}}">
        {{#page.hero}}
        <meta name="twitter:image" content="{{absolute_url}}">
        {{#alt}}
        <meta name="twitter:image:alt" content="{{alt}}">
        {{/alt}}
        {{/page.hero}}
        <link rel="stylesheet" href="{{site.stylesheet_url}}">
        {{#site.favicon}}
        <link rel="icon" href="{{url}}" type="{{type}}">
        {{/site.favicon}}
        <link rel="alternate" type="application/atom+xml" title="{{site.title}}" href="{{site.feed_url}}">
        <script type="application/ld+json">{{{page.json_ld}}}</script>

        """#

    static let header = #"""
        <header class="site-header">
        <div class="wrap">
        <a class="site-title" href="{{site.home_url}}">{{site.title}}</a>
        {{#site.has_sections}}
        <nav aria-label="Sections">
        <ul>
        {{#site.sections}}
        <li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a></li>
        {{/site.sections}}
        </ul>
        </nav>
        {{/site.has_sections}}
        </div>
        </header>

        """#

    static let home = #"""
        {{<base}}
        {{$content}}
        <article class="home wrap">
        {{#page.has_header}}
        <header class="page-header">
        {{#page.show_title}}
        <h1>{{page.title}}</h1>
        {{/page.show_title}}
        </header>
        {{/page.has_header}}
        {{#page.content}}
        <div class="content">
        {{{page.content}}}
        </div>
        {{/page.content}}
        {{#page.has_recent}}
        <section class="listing" aria-label="Recent pages">
        <h2>Recent pages</h2>
        <ul class="summaries">
        {{#page.recent}}
        {{> summary}}
        {{/page.recent}}
        </ul>
        </section>
        {{/page.has_recent}}
        {{> listing}}
        </article>
        {{/content}}
        {{/base}}

        """#

    static let list = #"""
        {{<base}}
        {{$content}}
        <article class="list wrap">
        {{#page.has_header}}
        <header class="page-header">
        {{#page.show_title}}
        <h1>{{page.title}}</h1>
        {{/page.show_title}}
        </header>
        {{/page.has_header}}
        {{#page.hero}}
        <figure class="hero">
        <img src="{{url}}" alt="{{alt}}">
        {{#caption}}
        <figcaption>{{caption}}</figcaption>
        {{/caption}}
        </figure>
        {{/page.hero}}
        {{#page.content}}
        <div class="content">
        {{{page.content}}}
        </div>
        {{/page.content}}
        {{> listing}}
        </article>
        {{/content}}
        {{/base}}

        """#

    static let listing = #"""
        {{#page.has_sections}}
        <section class="listing" aria-label="Sections">
        <h2>Sections</h2>
        <ul class="summaries">
        {{#page.sections}}
        {{> summary}}
        {{/page.sections}}
        </ul>
        </section>
        {{/page.has_sections}}
        {{#page.has_pages}}
        <section class="listing" aria-label="Pages">
        <h2>Pages</h2>
        <ul class="summaries">
        {{#page.pages}}
        {{> summary}}
        {{/page.pages}}
        </ul>
        </section>
        {{/page.has_pages}}

        """#

    static let page = #"""
        {{<base}}
        {{$content}}
        <article class="page wrap">
        {{#page.has_header}}
        <header class="page-header">
        {{#page.show_title}}
        <h1>{{page.title}}</h1>
        {{/page.show_title}}
        {{#page.published}}
        <p class="meta">Published <time datetime="{{iso}}">{{display}}</time>{{#page.modified}}, updated <time datetime="{{iso}}">{{display}}</time>{{/page.modified}}</p>
        {{/page.published}}
        </header>
        {{/page.has_header}}
        {{#page.hero}}
        <figure class="hero">
        <img src="{{url}}" alt="{{alt}}">
        {{#caption}}
        <figcaption>{{caption}}</figcaption>
        {{/caption}}
        </figure>
        {{/page.hero}}
        <div class="content">
        {{{page.content}}}
        </div>
        </article>
        {{/content}}
        {{/base}}

        """#

    static let summary = #"""
        <li class="summary">
        <h3><a href="{{url}}">{{title}}</a></h3>
        {{#date}}
        <p class="meta"><time datetime="{{iso}}">{{display}}</time></p>
        {{/date}}
        <p>{{description}}</p>
        </li>

        """#

    static let themeCSS = #"""
        /* The default Paragraph theme: one column, system fonts, light and dark colours. No JavaScript. */

        :root {
          --text: #1f2328;
          --muted: #59636e;
          --background: #ffffff;
          --surface: #f6f8fa;
          --border: #d1d9e0;
          --link: #0b5cad;
          --measure: 44rem;
          color-scheme: light dark;
        }

        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3;
            --muted: #9198a1;
            --background: #0d1117;
            --surface: #161b22;
            --border: #30363d;
            --link: #6cb6ff;
          }
        }

        *, *::before, *::after {
          box-sizing: border-box;
        }

        html {
          -webkit-text-size-adjust: 100%;
          text-size-adjust: 100%;
        }

        body {
          margin: 0;
          background: var(--background);
          color: var(--text);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          font-size: 1.0625rem;
          line-height: 1.65;
        }

        .wrap {
          max-width: var(--measure);
          margin: 0 auto;
          padding: 0 1.25rem;
        }

        a {
          color: var(--link);
          text-underline-offset: 0.15em;
        }

        a:hover {
          text-decoration-thickness: 2px;
        }

        .site-header {
          border-bottom: 1px solid var(--border);
          padding: 1rem 0;
        }

        .site-header .wrap {
          display: flex;
          flex-wrap: wrap;
          align-items: baseline;
          justify-content: space-between;
          gap: 0.5rem 1.5rem;
        }

        .site-title {
          color: var(--text);
          font-weight: 700;
          font-size: 1.2rem;
          text-decoration: none;
        }

        .site-header ul {
          display: flex;
          flex-wrap: wrap;
          gap: 0.25rem 1rem;
          margin: 0;
          padding: 0;
          list-style: none;
        }

        .site-header nav a {
          color: var(--muted);
          text-decoration: none;
        }

        .site-header nav a:hover,
        .site-header nav a[aria-current="page"] {
          color: var(--text);
          text-decoration: underline;
        }

        main {
          padding: 2rem 0 3rem;
        }

        h1, h2, h3, h4, h5, h6 {
          line-height: 1.25;
          margin: 2rem 0 0.75rem;
        }

        h1 {
          font-size: clamp(1.75rem, 4vw + 1rem, 2.5rem);
          margin-top: 0;
        }

        .meta {
          color: var(--muted);
          font-size: 0.9rem;
          margin: 0.25rem 0 1rem;
        }

        .hero {
          margin: 1.5rem 0 2rem;
        }

        .hero img,
        .content img {
          display: block;
          max-width: 100%;
          height: auto;
          border-radius: 6px;
        }

        figcaption {
          color: var(--muted);
          font-size: 0.9rem;
          margin-top: 0.5rem;
        }

        code, kbd, pre, samp {
          font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
          font-size: 0.9em;
        }

        :not(pre) > code {
          background: var(--surface);
          border-radius: 4px;
          padding: 0.1em 0.3em;
        }

        pre {
          background: var(--surface);
          border: 1px solid var(--border);
          border-radius: 6px;
          padding: 0.9rem 1rem;
          overflow-x: auto;
          line-height: 1.45;
        }

        blockquote {
          border-left: 4px solid var(--border);
          color: var(--muted);
          margin: 1rem 0;
          padding: 0 1rem;
        }

        /* Wide tables scroll on their own instead of widening the page. */
        table {
          display: block;
          max-width: 100%;
          overflow-x: auto;
          border-collapse: collapse;
          margin: 1rem 0;
        }

        th, td {
          border: 1px solid var(--border);
          padding: 0.4rem 0.75rem;
          vertical-align: top;
        }

        th {
          background: var(--surface);
        }

        hr {
          border: 0;
          border-top: 1px solid var(--border);
          margin: 2rem 0;
        }

        .summaries {
          list-style: none;
          margin: 0;
          padding: 0;
        }

        .summary {
          border-top: 1px solid var(--border);
          padding: 1rem 0;
        }

        .summary h3 {
          margin: 0 0 0.25rem;
          font-size: 1.15rem;
        }

        .summary p {
          margin: 0.25rem 0 0;
        }

        .site-footer {
          border-top: 1px solid var(--border);
          color: var(--muted);
          font-size: 0.9rem;
          padding: 1.5rem 0;
        }

        @media (max-width: 30rem) {
          body {
            font-size: 1rem;
          }

          main {
            padding-top: 1.25rem;
          }
        }

        .alert {
          border-left-color: var(--link);
          color: var(--text);
        }

        .alert-title {
          font-weight: 600;
          margin-bottom: 0.25rem;
        }

        .alert-tip {
          border-left-color: #1a7f37;
        }

        .alert-important {
          border-left-color: #8250df;
        }

        .alert-warning {
          border-left-color: #9a6700;
        }

        .alert-caution {
          border-left-color: #cf222e;
        }

        """#
}
