/// The Mustache template of `--format html`: one self-contained page (styles and the small
/// script inline, nothing fetched). Values are HTML-escaped by `{{name}}`.
enum HTMLTemplate {
    static let page = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d232a; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; } h3 { font-size: 1rem; margin-top: 1.4rem; }
.meta { color: #5b6570; font-size: .9rem; }
.verdict { display: inline-block; padding: .15rem .6rem; border-radius: .3rem; font-weight: 600; }
.pass { background: #dff5e3; color: #145c24; } .fail { background: #fde2e1; color: #8c1d18; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e7eb; vertical-align: top; }
th { background: #f4f6f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #eef1f4; border-radius: .25rem; height: .8rem; width: 12rem; display: inline-block; vertical-align: middle; }
.bar > span { display: block; height: 100%; border-radius: .25rem; background: #2f9e44; }
.bar.low > span { background: #e03131; } .bar.mid > span { background: #f08c00; }
.sev-error { color: #c92a2a; font-weight: 600; } .sev-warning { color: #b35c00; font-weight: 600; } .sev-info { color: #1c7ed6; }
mark { background: #ffe066; padding: 0 .15rem; border-radius: .15rem; }
code { font-family: ui-monospace, "SF Mono", Menlo, monospace; font-size: .85rem; }
details { margin: .5rem 0; } summary { cursor: pointer; color: #1c7ed6; }
</style>
</head>
<body>
<h1>{{title}}</h1>
<p class="meta">{{tool}} · {{summary}}</p>
{{#matrix}}
<h2>Conformance matrix</h2>
{{#tables}}
<table class="matrix">
<tr>{{#header}}<th>{{.}}</th>{{/header}}</tr>
{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}
</table>
{{/tables}}
{{/matrix}}
{{#files}}
<section class="file" data-conforms="{{conforms}}">
<h2>{{file}}</h2>
<p><span class="verdict {{verdictClass}}">{{verdict}}</span> {{standard}}</p>
<p class="meta"><span class="rows">{{conformingRows}} of {{rows}} rows conform ({{rowPercent}})</span> · <span class="errors">{{errors}}</span> errors · <span class="warnings">{{warnings}}</span> warnings · {{infos}} infos</p>
{{#hasFields}}
<h3>Field conformance</h3>
<table class="fields">
<tr><th>field</th><th>passing</th><th></th></tr>
{{#fields}}<tr><td>{{field}}</td><td class="num">{{percent}}</td><td><span class="bar {{level}}"><span style="width: {{width}}%"></span></span></td></tr>{{/fields}}
</table>
{{/hasFields}}
{{#hasCounts}}
<h3>Findings by rule</h3>
<table class="counts">
<tr><th>rule</th><th>column</th><th>severity</th><th>count</th></tr>
{{#counts}}<tr><td><code>{{rule}}</code></td><td>{{column}}</td><td class="sev-{{severity}}">{{severity}}</td><td class="num">{{count}}</td></tr>{{/counts}}
</table>
{{/hasCounts}}
{{#hasFindings}}
<details open>
<summary>Example findings ({{findingCount}})</summary>
<table class="findings">
<tr><th>line</th><th>row</th><th>column</th><th>rule</th><th>finding</th><th>value</th></tr>
{{#findings}}<tr><td class="num">{{place}}</td><td class="num">{{row}}</td><td>{{column}}</td><td class="sev-{{severity}}"><code>{{rule}}</code></td><td>{{message}}</td><td>{{#value}}<mark>{{.}}</mark>{{/value}}</td></tr>{{/findings}}
</table>
</details>
{{/hasFindings}}
{{#target}}
<h3>Under {{standard}}</h3>
<table class="target">
<tr><th>field</th><th>goes to</th><th>values</th><th>accepted</th><th>rejected</th></tr>
{{#fields}}<tr><td>{{field}}</td><td>{{target}}</td><td class="num">{{values}}</td><td class="num">{{accepted}}</td><td>{{rejected}}</td></tr>{{/fields}}
</table>
{{/target}}
</section>
{{/files}}
{{#directions}}
<section class="direction" data-compatible="{{compatible}}">
<h2>{{label}}</h2>
<p><span class="verdict {{verdictClass}}">{{verdict}}</span> {{totals}}</p>
<table class="gaps">
<tr><th>level</th><th>rule</th><th>field</th><th>gap</th><th>example</th></tr>
{{#gaps}}<tr><td class="sev-{{severity}}">{{severity}}</td><td><code>{{rule}}</code></td><td>{{field}}</td><td>{{message}}</td><td>{{#example}}<mark>{{.}}</mark>{{/example}}</td></tr>{{/gaps}}
</table>
</section>
{{/directions}}
<script>
// Sort a table by a column when its header is clicked (numbers as numbers).
document.querySelectorAll("table").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, index) {
    th.addEventListener("click", function () {
      var rows = Array.prototype.slice.call(table.querySelectorAll("tr")).slice(1);
      var numeric = rows.every(function (r) { var c = r.children[index]; return c && !isNaN(parseFloat(c.textContent)); });
      rows.sort(function (a, b) {
        var x = a.children[index].textContent, y = b.children[index].textContent;
        return numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      });
      rows.forEach(function (r) { table.appendChild(r); });
    });
  });
});
</script>
</body>
</html>
"""#
}
