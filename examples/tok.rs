fn main() {
    let lang = std::env::args().nth(1).unwrap();
    let s = crosscheck::tokens::FigureScanner::new(&lang).unwrap();
    for line in std::io::stdin().lines() {
        let line = crosscheck::fold::fold_str(&line.unwrap());
        let t = s.tokenize(&line);
        println!(
            "{}",
            String::from_utf8_lossy(&t.bytes)
                .replace('\u{1}', "<Q>")
                .replace('\u{2}', "<D>")
        );
    }
}
