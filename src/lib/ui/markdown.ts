import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** Raw HTML in model output is shown as text, never parsed. */
const marked = new Marked({
	gfm: true,
	breaks: true,
	renderer: {
		html: ({ text }) => escapeHtml(text)
	}
});

const ALLOWED_TAGS = [
	'p',
	'br',
	'strong',
	'em',
	'del',
	'code',
	'pre',
	'ul',
	'ol',
	'li',
	'blockquote',
	'a',
	'h1',
	'h2',
	'h3',
	'h4',
	'hr',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td'
];

/**
 * Markdown from a model or a person, as safe HTML: raw HTML is escaped by the parser, and the
 * result is sanitised again with an allow-list (no scripts, styles, images or event handlers);
 * links open in a new tab without access to this page.
 */
export function renderMarkdown(text: string): string {
	const html = marked.parse(text, { async: false });
	const clean = DOMPurify.sanitize(html, {
		ALLOWED_TAGS,
		ALLOWED_ATTR: ['href', 'title'],
		ALLOWED_URI_REGEXP: /^(https?:|mailto:)/i
	});
	const template = document.createElement('template');
	template.innerHTML = clean;
	for (const link of template.content.querySelectorAll('a')) {
		link.target = '_blank';
		link.rel = 'noopener noreferrer';
	}
	return template.innerHTML;
}
