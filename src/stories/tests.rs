use super::*;

const A: &str =
    "京东零售与快手宣布达成战略合作，双方将在供应链、品牌营销和数字化运营方面展开深度合作。\
快手电商负责人表示，此次合作将为平台商家带来更丰富的商品和更优质的服务。";

#[test]
fn groups_a_copy_under_the_document_added_first() {
    let mut s = Stories::new();
    s.push("今天天气很好，我们一起去公园散步，看到很多人在湖边钓鱼和放风筝。");
    s.push(A);
    s.push(A);
    let list = s.list();
    assert_eq!(list.documents, 3);
    assert_eq!(list.stories.len(), 1);
    assert_eq!(list.stories[0].lead, 1);
    assert_eq!(list.stories[0].members[0].id, 2);
    assert_eq!(list.stories[0].members[0].similarity, 1.0);
    assert_eq!(s.counted(), [true, true, false]);
}

#[test]
fn refuses_a_threshold_outside_its_range() {
    let mut s = Stories::new();
    assert!(s.set_threshold(0.2).is_err());
    assert!(s.set_threshold(f64::NAN).is_err());
    assert!(s.set_threshold(1.0).is_ok());
    assert_eq!(s.threshold(), 1.0);
}

#[test]
fn band_shape_keeps_pairs_at_the_threshold() {
    assert_eq!(rows_for(0.6), 3);
    for t in [0.3, 0.45, 0.6, 0.75, 0.9, 1.0] {
        let r = rows_for(t);
        let p = 1.0 - (1.0 - f64::powi(t, r as i32)).powi((BINS / r) as i32);
        assert!(p >= CANDIDATE_RECALL, "{t}: {r} rows give {p}");
    }
}

#[test]
fn documents_added_after_a_regrouping_join_as_if_pushed_all_along() {
    // A regrouping (opening a snapshot, a new threshold) drops the band buckets; the next push
    // files every document again, so the groups equal those of pushing one by one.
    let b = A.replace("更优质的服务", "更好的服务");
    let texts = [A, "今天天气很好，我们一起去公园散步，看到很多人在湖边钓鱼和放风筝。", &b, A];
    let mut all = Stories::new();
    for t in texts {
        all.push(t);
    }
    let mut first = Stories::new();
    first.push(texts[0]);
    first.push(texts[1]);
    let (usable, signatures) = first.signatures().unwrap();
    let mut reopened = Stories::from_signatures(usable.to_vec(), signatures.to_vec()).unwrap();
    assert!(reopened.heads.is_empty() && reopened.chain.is_empty());
    reopened.push(texts[2]);
    reopened.push(texts[3]);
    assert_eq!(reopened.list(), all.list());
    assert_eq!(reopened.list().stories[0].members.len(), 2);
    reopened.set_threshold(0.9).unwrap();
    all.set_threshold(0.9).unwrap();
    assert_eq!(reopened.list(), all.list());
}
