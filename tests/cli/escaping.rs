//! User values are data: whatever a tag holds, parsing the output back
//! yields exactly that text and no extra structure.

use crate::fixture::run_gen_repl;

const NASTY: &[&str] = &[
    r#"say "hi""#,
    r"C:\backups\",
    "${var.secret}",
    "$${already}",
    "%{ if true }x%{ endif }",
    "équipe ☃",
    "} injected = \"x",
];

#[test]
fn tag_values_round_trip_through_hcl() {
    let mut args = vec![
        "--src-region",
        "ap-southeast-2",
        "--dst-region",
        "us-west-2",
    ];
    let assignments: Vec<String> = NASTY
        .iter()
        .enumerate()
        .map(|(i, v)| format!("k{i}={v}"))
        .collect();
    for assignment in &assignments {
        args.extend(["--tag", assignment]);
    }
    let output = run_gen_repl(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();

    let body: hcl::Body = hcl::from_str(&text).expect("output parses as HCL");
    let provider = body
        .blocks()
        .find(|block| block.identifier() == "provider")
        .expect("a provider block");
    let default_tags = provider
        .body()
        .blocks()
        .find(|b| b.identifier() == "default_tags")
        .unwrap();
    let tags = default_tags
        .body()
        .attributes()
        .find(|a| a.key() == "tags")
        .unwrap();
    let hcl::Expression::Object(object) = tags.expr() else {
        panic!("tags is an object")
    };
    assert_eq!(object.len(), NASTY.len());
    for (i, expected) in NASTY.iter().enumerate() {
        let key = hcl::ObjectKey::from(hcl::Expression::String(format!("k{i}")));
        let value = object
            .get(&key)
            .unwrap_or_else(|| panic!("tag k{i} present"));
        assert_eq!(literal_text(value), *expected, "tag k{i}");
    }
}

/// The text a string expression stands for, with HCL's escapes undone.
fn literal_text(expression: &hcl::Expression) -> String {
    match expression {
        hcl::Expression::String(text) => text.clone(),
        hcl::Expression::TemplateExpr(template) => {
            let parsed = hcl::Template::from_expr(template).expect("template parses");
            parsed
                .elements()
                .iter()
                .map(|element| match element {
                    hcl::template::Element::Literal(text) => text.clone(),
                    other => panic!("a value became template syntax: {other:?}"),
                })
                .collect()
        }
        other => panic!("a tag value became {other:?}"),
    }
}
