import Testing
@testable import App

@Suite("HTML builder")
struct HTMLTests {
    @Test("Text and attribute values are escaped; entities in input are not trusted")
    func escaping() {
        let node = el("a", .href(#"/x?a=1&b="2"'"#), .class("c")) { "<b>&amp; 'q'</b>" }
        #expect(node.render() == #"<a href="/x?a=1&amp;b=&quot;2&quot;&#39;" class="c">&lt;b&gt;&amp;amp; &#39;q&#39;&lt;/b&gt;</a>"#)
    }

    @Test("Void elements, boolean and conditional attributes")
    func attributes() {
        #expect(el("input", .name("n"), .flag("required"), .when(false, .flag("disabled"))).render() == #"<input name="n" required>"#)
    }

    @Test("The CSRF field takes its token at render time")
    func csrf() {
        #expect(el("form") { CSRFField() }.render(csrfToken: "t\"k") == #"<form><input type="hidden" name="_csrf" value="t&quot;k"></form>"#)
    }
}
