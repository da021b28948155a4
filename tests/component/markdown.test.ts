import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/ui/markdown';

describe('renderMarkdown', () => {
	it('renders the common markdown a model writes', () => {
		const html = renderMarkdown(
			'**Hallo** _Anna_!\n\n- eins\n- zwei\n\n`Wort` [Duden](https://www.duden.de)'
		);
		expect(html).toContain('<strong>Hallo</strong>');
		expect(html).toContain('<em>Anna</em>');
		expect(html).toContain('<li>eins</li>');
		expect(html).toContain('<code>Wort</code>');
		expect(html).toContain(
			'<a href="https://www.duden.de" target="_blank" rel="noopener noreferrer">Duden</a>'
		);
	});

	it('never lets HTML, scripts or dangerous links through', () => {
		const html = renderMarkdown(
			'<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> [click](javascript:alert(1)) <b onclick="x()">bold</b> ![pic](http://x/y.png)'
		);
		const host = document.createElement('div');
		host.innerHTML = html;
		document.body.append(host);
		expect(host.querySelector('img, script, b, [onerror], [onclick]')).toBeNull();
		expect(host.querySelector('a[href^="javascript"]')).toBeNull();
		expect(host.textContent).toContain('<img src=x onerror="window.__xss=1">');
		expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
		host.remove();
	});
});
